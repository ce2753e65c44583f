package dev.qualitygate.spi;

import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a test run.
 *
 * @param result pass, or fail when samples failed beyond what the workload accepts or the run broke
 * @param window when the test ran; the window the evaluation measures
 * @param samples how many requests (samples) ran
 * @param failedSamples how many of them failed
 * @param failures the first failure messages, for the explanation
 * @param resultsFile the raw results (for example a JTL file), or {@code null}
 * @param message a summary
 * @since 0.1
 */
public record TestRunResult(
        Verdict result, TimeWindow window, long samples, long failedSamples, List<String> failures,
        @Nullable Path resultsFile, String message) {

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException if counts are negative or more samples failed than ran
     */
    public TestRunResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(window, "window");
        failures = List.copyOf(failures);
        Objects.requireNonNull(message, "message");
        if (samples < 0 || failedSamples < 0 || failedSamples > samples) {
            throw new IllegalArgumentException(
                    "need 0 <= failedSamples <= samples, were " + failedSamples + " and " + samples);
        }
    }
}
