package dev.qualitygate.test.fake;

import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import dev.qualitygate.spi.TesterProvider;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link Tester} that runs nothing: it records every request and answers with a result you choose, typically
 * one whose {@link TestRunResult#window()} is the window your fake metric values describe.
 *
 * <pre>{@code
 * RecordingTester tester = RecordingTester.returning(new TestRunResult(Verdict.PASS, window, 1000, 0, List.of(),
 *         null, "1000 samples"), "performance");
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class RecordingTester implements Tester {
    private final Set<String> strategies;
    private final Function<TestRunRequest, TestRunResult> onRun;
    private final List<TestRunRequest> requests = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private RecordingTester(Function<TestRunRequest, TestRunResult> onRun, String... strategies) {
        this.onRun = Objects.requireNonNull(onRun, "onRun");
        this.strategies = Set.of(strategies);
        if (this.strategies.isEmpty()) {
            throw new IllegalArgumentException("a tester needs at least one strategy, such as \"performance\"");
        }
    }

    /**
     * A tester whose runs all end with the given result.
     *
     * @param result the result of every run
     * @param strategies the test strategies it claims, for example {@code performance}; at least one, no duplicates
     * @return the tester
     */
    public static RecordingTester returning(TestRunResult result, String... strategies) {
        Objects.requireNonNull(result, "result");
        return answering(r -> result, strategies);
    }

    /**
     * A tester that computes each run's result from its request.
     *
     * @param onRun computes the result; called from the running thread
     * @param strategies the test strategies it claims; at least one, no duplicates
     * @return the tester
     */
    public static RecordingTester answering(Function<TestRunRequest, TestRunResult> onRun, String... strategies) {
        return new RecordingTester(onRun, strategies);
    }

    /**
     * The strategies given when it was created.
     *
     * @return the strategies; never empty
     */
    @Override
    public Set<String> strategies() {
        return strategies;
    }

    /**
     * Records the request and answers with the configured result.
     *
     * @param request the run
     * @return the configured result
     */
    @Override
    public TestRunResult run(TestRunRequest request) {
        requests.add(Objects.requireNonNull(request, "request"));
        return Objects.requireNonNull(onRun.apply(request), "the onRun function returned null");
    }

    /**
     * The run requests received, in order.
     *
     * @return a snapshot; possibly empty
     */
    public List<TestRunRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /** Marks the tester closed. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    /** Names the strategies. */
    @Override
    public String toString() {
        return "RecordingTester" + strategies;
    }

    /**
     * A provider that hands out this one tester under an id, for code that looks testers up by id
     * ({@code Plugins.none().with(tester.asProvider("jmeter"))}).
     *
     * @param id the provider id, of the form {@code [a-z][a-z0-9-]*}
     * @return a provider whose {@code create} returns this tester, whatever the settings
     */
    public TesterProvider asProvider(String id) {
        Objects.requireNonNull(id, "id");
        RecordingTester self = this;
        return new TesterProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Tester create(ProviderConfig config, ProviderContext context) {
                return self;
            }
        };
    }
}
