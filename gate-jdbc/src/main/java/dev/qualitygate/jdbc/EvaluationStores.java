package dev.qualitygate.jdbc;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.spi.SecretResolver;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens the evaluation store a configuration names, as the {@code store} of {@code gate.yaml} or the
 * {@code --store} option of the {@code gate} command: a {@code jdbc:postgresql:} URL opens a
 * {@link JdbcEvaluationStore}, anything else is the directory of the {@linkplain EvaluationStore#files file store}.
 *
 * <pre>{@code
 * GateSettings settings = GateYaml.readSettings(configFile);
 * try (EvaluationStore store = EvaluationStores.open(settings.store(), configFile.getParent())) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class EvaluationStores {
    private EvaluationStores() {
    }

    /**
     * Whether a location names a database rather than a directory.
     *
     * @param location the location as written
     * @return {@code true} if it starts with {@code jdbc:}
     */
    public static boolean isJdbc(String location) {
        return location.startsWith("jdbc:");
    }

    /**
     * Opens a store, resolving {@code ${env:…}} references of a URL from the process environment.
     *
     * @param location a {@code jdbc:postgresql:} URL, or a directory
     * @param baseDirectory what a relative directory is relative to (the configuration file's directory, or the
     *     working directory for a command-line option)
     * @return the store; close it when done
     * @throws dev.qualitygate.error.GateException if a URL is not PostgreSQL's or a reference cannot be resolved
     * @throws dev.qualitygate.error.StoreException if the database cannot be used
     */
    public static EvaluationStore open(String location, Path baseDirectory) {
        return open(location, baseDirectory, SecretResolver.system());
    }

    /**
     * Opens a store, resolving the references of a URL with the given resolver.
     *
     * @param location a {@code jdbc:postgresql:} URL, or a directory
     * @param baseDirectory what a relative directory is relative to
     * @param secrets resolves {@code ${env:…}} and {@code ${file:…}} references in a URL
     * @return the store; close it when done
     * @throws dev.qualitygate.error.GateException if a URL is not PostgreSQL's or a reference cannot be resolved
     * @throws dev.qualitygate.error.StoreException if the database cannot be used
     */
    public static EvaluationStore open(String location, Path baseDirectory, SecretResolver secrets) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        if (isJdbc(location)) {
            return JdbcEvaluationStore.builder().url(location).secrets(secrets).build();
        }
        return EvaluationStore.files(baseDirectory.resolve(location));
    }
}
