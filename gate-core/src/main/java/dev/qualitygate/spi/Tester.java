package dev.qualitygate.spi;

import java.util.Set;
import java.util.function.Consumer;

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

    /**
     * Runs the tests and reports their progress while they run. Testers that can tell how far a run has got (samples
     * so far, failures, elapsed time) override this method and call {@code progress} from time to time, from any
     * thread but never concurrently; the default runs {@link #run(TestRunRequest)} and reports nothing.
     *
     * @param request the strategy, target and settings
     * @param progress receives progress reports; it should return quickly and not throw (an exception it throws is
     *     the tester's to ignore)
     * @return the outcome with the test's time window
     * @since 0.1
     */
    default TestRunResult run(TestRunRequest request, Consumer<TestProgress> progress) {
        return run(request);
    }

    /** Releases resources; the default does nothing. Idempotent. */
    @Override
    default void close() {
    }
}
