package dev.qualitygate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TesterTest {
    private static final TestRunRequest REQUEST = new TestRunRequest(EvaluationContext.NONE, "performance", null,
            Map.of(), Duration.ofMinutes(1));
    private static final TestRunResult RESULT = new TestRunResult(Verdict.PASS,
            new TimeWindow(Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:05:00Z")), 10, 0,
            List.of(), null, "10 samples");

    @Test
    void runWithProgress_testerWithoutProgress_runsAndReportsNothing() {
        List<TestRunRequest> runs = new ArrayList<>();
        Tester tester = new Tester() {
            @Override
            public Set<String> strategies() {
                return Set.of("performance");
            }

            @Override
            public TestRunResult run(TestRunRequest request) {
                runs.add(request);
                return RESULT;
            }
        };
        List<TestProgress> reports = new ArrayList<>();

        assertThat(tester.run(REQUEST, reports::add)).isSameAs(RESULT);
        assertThat(runs).containsExactly(REQUEST);
        assertThat(reports).isEmpty();
    }

    @Test
    void testProgress_inconsistentCounts_refused() {
        assertThatThrownBy(() -> new TestProgress("load", 1, 2, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failedSamples <= samples");
        assertThatThrownBy(() -> new TestProgress(" ", 1, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phase");
        assertThatThrownBy(() -> new TestProgress("load", 1, 0, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elapsed");
    }

    @Test
    void queryProblem_negativeColumnOrBlankMessage_refused() {
        assertThat(new QueryProblem(0, "whole query").column()).isZero();
        assertThatThrownBy(() -> new QueryProblem(-1, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueryProblem(1, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metricSourceCheck_byDefault_findsNothing() {
        MetricSource source = query -> dev.qualitygate.model.IndicatorValue.of(1);

        assertThat(source.check("rt", "anything at all")).isEmpty();
    }
}
