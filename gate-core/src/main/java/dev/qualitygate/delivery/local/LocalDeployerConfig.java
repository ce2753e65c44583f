package dev.qualitygate.delivery.local;

import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The settings of the {@code local} deployer.
 *
 * @param health the path that answers 2xx or 3xx once a version is ready ({@code health}); default {@code /health}
 * @param workingDirectory where the versions run ({@code workingDirectory}): their working directory, against which
 *     relative artifact paths resolve; default the current directory
 * @param logs where the versions' output goes, one file per version ({@code logs}); default a new temporary
 *     directory
 * @param javaOptions JVM options for jar artifacts ({@code javaOptions}), for example {@code -Xmx256m}; default none
 * @since 0.1
 */
public record LocalDeployerConfig(
        @Nullable @Pattern(regexp = "/.*", message = "must start with /") String health,
        @Nullable String workingDirectory,
        @Nullable String logs,
        @Nullable List<String> javaOptions) {

    /** Applies the defaults. */
    public LocalDeployerConfig {
        health = health == null ? "/health" : health;
        javaOptions = javaOptions == null ? List.of() : List.copyOf(javaOptions);
    }
}
