package dev.qualitygate.history;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.KeySliFailure;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Target;
import dev.qualitygate.model.TargetBasis;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluation results with every part filled in, for the store tests and {@link AppendWorker}. */
final class SampleResults {
    static final HistoryKey CARTS = new HistoryKey("shop", "production", "carts");
    static final HistoryKey ORDERS = new HistoryKey("shop", "production", "orders");

    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    private SampleResults() {
    }

    static EvaluationResult result(HistoryKey key, String id, Verdict verdict) {
        return result(key, id, verdict, verdict == Verdict.PASS ? "" : "score below the pass threshold");
    }

    static EvaluationResult result(HistoryKey key, String id, Verdict verdict, String message) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("buildId", id);
        labels.put("commit", "4f2a9c1");
        Instant end = START.plus(Duration.ofMinutes(Math.floorMod(id.hashCode(), 10_000)));
        return EvaluationResult.builder()
                .id(id)
                .project(key.project())
                .stage(key.stage())
                .service(key.service())
                .labels(labels)
                .timeframe(TimeWindow.ending(end, Duration.ofMinutes(5)))
                .time(end.plusSeconds(3))
                .result(verdict)
                .score(verdict == Verdict.PASS ? 100 : verdict == Verdict.WARNING ? 75.5 : 100.0 / 3)
                .message(message)
                .addIndicatorResult(new IndicatorResult("response_time_p95", "Response time p95", 412.7, true, "",
                        400, ObjectiveStatus.PASS, 1, 1, false,
                        List.of(new Target("<=+10%", 440, false, TargetBasis.BASELINE, 400),
                                new Target("<600", 600, false, TargetBasis.ABSOLUTE, 0)),
                        List.of()))
                .addIndicatorResult(new IndicatorResult("error_rate", "", 0, false, "no data", 0,
                        ObjectiveStatus.FAIL, 0, 2, true, List.of(new Target("<1", 1, true, TargetBasis.ABSOLUTE, 0)),
                        List.of()))
                .comparedEvents(List.of("earlier-1", "earlier-0"))
                .keySliFailure(verdict == Verdict.FAIL ? new KeySliFailure("error_rate", "", "no data") : null)
                .sloFileContent("c3BlY192ZXJzaW9uOiAnMS4wJw==")
                .build();
    }
}
