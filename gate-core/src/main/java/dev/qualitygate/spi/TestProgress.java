package dev.qualitygate.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a running test has got, as a {@link Tester} reports it while it runs (see
 * {@link Tester#run(TestRunRequest, java.util.function.Consumer)}).
 *
 * @param phase what is running, for example the name of the workload or plan ({@code healthcheck},
 *     {@code performance}); never blank
 * @param samples how many samples (requests) of this phase have completed so far
 * @param failedSamples how many of them failed
 * @param elapsed how long the whole run has taken so far
 * @since 0.1
 */
public record TestProgress(String phase, long samples, long failedSamples, Duration elapsed) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the phase is blank, a count is negative, more samples failed than ran,
     *     or the elapsed time is negative
     */
    public TestProgress {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(elapsed, "elapsed");
        if (phase.isBlank()) {
            throw new IllegalArgumentException("phase must not be blank");
        }
        if (samples < 0 || failedSamples < 0 || failedSamples > samples) {
            throw new IllegalArgumentException(
                    "need 0 <= failedSamples <= samples, were " + failedSamples + " and " + samples);
        }
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative, was " + elapsed);
        }
    }
}
