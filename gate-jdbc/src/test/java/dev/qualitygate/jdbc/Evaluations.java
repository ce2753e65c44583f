package dev.qualitygate.jdbc;

import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Target;
import dev.qualitygate.model.TargetBasis;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Evaluation results for the JDBC store's tests. */
final class Evaluations {
    static final HistoryKey CARTS = new HistoryKey("shop", "production", "carts");
    static final HistoryKey ORDERS = new HistoryKey("shop", "production", "orders");
    static final Instant TIME = Instant.parse("2026-03-01T10:15:30.123456789Z");

    private Evaluations() {
    }

    static EvaluationResult result(HistoryKey key, String id, Verdict verdict) {
        return result(key, id, verdict, Map.of("buildId", id), List.of());
    }

    static EvaluationResult result(HistoryKey key, String id, Verdict verdict, Map<String, String> labels,
            List<String> comparedEvents) {
        return EvaluationResult.builder()
                .id(id)
                .project(key.project())
                .stage(key.stage())
                .service(key.service())
                .labels(labels)
                .timeframe(TimeWindow.ending(TIME, Duration.ofMinutes(5)))
                .time(TIME)
                .result(verdict)
                .score(verdict == Verdict.PASS ? 100 : verdict == Verdict.WARNING ? 75 : 25)
                .addIndicatorResult(new IndicatorResult("response_time_p95", "", 412.7, true, "", 400,
                        ObjectiveStatus.PASS, 1, 1, false,
                        List.of(new Target("<=+10%", 440, false, TargetBasis.BASELINE, 400)), List.of()))
                .comparedEvents(comparedEvents)
                .build();
    }
}
