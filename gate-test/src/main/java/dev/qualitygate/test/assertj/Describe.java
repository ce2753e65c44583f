package dev.qualitygate.test.assertj;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.KeySliFailure;
import dev.qualitygate.model.Target;
import java.util.List;

/** Renders results for failure messages. */
final class Describe {
    private Describe() {
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** The evaluation's result, score, message, key SLI failure and every objective's explanation. */
    static String evaluation(EvaluationResult r) {
        StringBuilder sb = new StringBuilder("The evaluation: ").append(r.result().keyword())
                .append(", score ").append(number(r.score()));
        if (!r.message().isEmpty()) {
            sb.append(", message \"").append(r.message()).append('"');
        }
        KeySliFailure key = r.keySliFailure();
        if (key != null) {
            sb.append("\n  key SLI failure: ").append(key.sli()).append(" (").append(key.reason()).append(')');
        }
        if (!r.comparedEvents().isEmpty()) {
            sb.append("\n  compared with: ").append(r.comparedEvents());
        }
        if (r.indicatorResults().isEmpty()) {
            sb.append("\n  no objectives were evaluated");
        }
        for (IndicatorResult o : r.indicatorResults()) {
            sb.append("\n  ").append(o.explanation());
        }
        return sb.toString();
    }

    /** The criteria of an objective as evaluated, for example {@code pass [<=+10% (target 440)]}. */
    static String targets(IndicatorResult r) {
        return "pass " + targets(r.passTargets()) + ", warning " + targets(r.warningTargets());
    }

    private static String targets(List<Target> targets) {
        StringBuilder sb = new StringBuilder("[");
        for (Target t : targets) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(t.criteria()).append(" (target ").append(number(t.targetValue()))
                    .append(t.violated() ? ", violated" : ", met").append(')');
        }
        return sb.append(']').toString();
    }
}
