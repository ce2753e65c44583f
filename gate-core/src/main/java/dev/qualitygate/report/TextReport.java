package dev.qualitygate.report;

import dev.qualitygate.criteria.GoNumbers;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import java.util.Locale;

/**
 * Renders a result for people: one line per objective with its value, each criterion with target and baseline, and
 * its status; then the total. Thread-safe.
 *
 * @since 0.1
 */
public final class TextReport {
    private TextReport() {
    }

    /**
     * Renders a result.
     *
     * @param result the result
     * @return lines separated by {@code \n}, ending with a newline
     */
    public static String render(EvaluationResult result) {
        StringBuilder sb = new StringBuilder();
        for (IndicatorResult ir : result.indicatorResults()) {
            sb.append(String.format(Locale.ROOT, "%-8s ", ir.status().keyword().toUpperCase(Locale.ROOT)))
                    .append(ir.explanation()).append('\n');
        }
        sb.append("RESULT   ").append(result.result().keyword().toUpperCase(Locale.ROOT))
                .append(", score ").append(GoNumbers.format(Math.round(result.score() * 100) / 100.0));
        if (result.status() != dev.qualitygate.model.EvaluationStatus.SUCCEEDED) {
            sb.append(" (").append(result.status().keyword()).append(')');
        }
        sb.append('\n');
        if (!result.message().isEmpty()) {
            sb.append("         ").append(result.message()).append('\n');
        }
        if (!result.comparedEvents().isEmpty()) {
            sb.append("         compared with ").append(result.comparedEvents().size())
                    .append(result.comparedEvents().size() == 1 ? " earlier evaluation: " : " earlier evaluations: ")
                    .append(String.join(", ", result.comparedEvents())).append('\n');
        } else {
            sb.append("         no earlier evaluation was compared\n");
        }
        return sb.toString();
    }
}
