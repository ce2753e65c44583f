package dev.qualitygate.delivery;

import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A tester that writes each run to a journal and answers with a function of the request. */
final class FakeTester implements Tester {
    static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-11-26T10:00:00Z"),
            Instant.parse("2026-11-26T10:05:00Z"));

    private final Journal journal;
    private final Set<String> strategies;
    private final Function<TestRunRequest, TestRunResult> onRun;

    FakeTester(Journal journal, Function<TestRunRequest, TestRunResult> onRun, String... strategies) {
        this.journal = journal;
        this.onRun = onRun;
        this.strategies = Set.of(strategies);
    }

    static FakeTester passing(Journal journal, String... strategies) {
        return new FakeTester(journal, r -> new TestRunResult(Verdict.PASS, WINDOW, 100, 0, List.of(), null,
                "100 samples"), strategies);
    }

    @Override
    public Set<String> strategies() {
        return strategies;
    }

    @Override
    public TestRunResult run(TestRunRequest request) {
        journal.add("test " + request.context().stage() + " " + request.strategy() + " " + request.target());
        return onRun.apply(request);
    }

    @Override
    public String toString() {
        return "fake tester";
    }
}
