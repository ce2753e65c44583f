package dev.qualitygate.spi;

import java.util.Set;

/**
 * Runs the tests of a test strategy ({@code functional}, {@code performance}, or a custom workload) against a
 * deployed service and reports the time window the metric sources then measure.
 *
 * <p>Calls block until the tests end or {@link TestRunRequest#timeout()} passes (then the run is stopped and
 * fails), and honour interrupts. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface Tester extends AutoCloseable {

    /**
     * The test strategies this tester implements.
     *
     * @return strategy names; never empty
     */
    Set<String> strategies();

    /**
     * Runs the tests.
     *
     * @param request the strategy, target and settings
     * @return the outcome with the test's time window
     */
    TestRunResult run(TestRunRequest request);

    /** Releases resources; the default does nothing. Idempotent. */
    @Override
    default void close() {
    }
}
