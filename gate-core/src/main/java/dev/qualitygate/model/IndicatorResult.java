package dev.qualitygate.model;

import dev.qualitygate.criteria.GoNumbers;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one objective in an evaluation ({@code indicatorResults[]} in Keptn's event).
 *
 * @param sli the indicator name ({@code value.metric})
 * @param displayName the objective's display name ({@code displayName}); empty if not set
 * @param value the measured value ({@code value.value}); 0 when the retrieval failed
 * @param success whether a value was retrieved ({@code value.success})
 * @param message why the value is missing, or the metric source's note ({@code value.message}); empty if none
 * @param comparedValue the baseline this objective's relative criteria were computed from
 *     ({@code value.comparedValue}); 0 when there was none, for informational objectives and for missing values
 * @param status pass, warning, fail or info ({@code status})
 * @param score the score earned: the weight for pass, half of it for warning, else 0 ({@code score})
 * @param weight the objective's weight (QualityGate addition)
 * @param keySli whether the objective is a key SLI ({@code keySli})
 * @param passTargets every pass criterion as evaluated, in file order ({@code passTargets})
 * @param warningTargets every warning criterion as evaluated, in file order ({@code warningTargets})
 * @since 0.1
 */
public record IndicatorResult(
        String sli,
        String displayName,
        double value,
        boolean success,
        String message,
        double comparedValue,
        ObjectiveStatus status,
        double score,
        int weight,
        boolean keySli,
        List<Target> passTargets,
        List<Target> warningTargets) {

    /** Checks and copies the components. */
    public IndicatorResult {
        Objects.requireNonNull(sli, "sli");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
        passTargets = List.copyOf(passTargets);
        warningTargets = List.copyOf(warningTargets);
    }

    /**
     * The display name if set, else the SLI name.
     *
     * @return never empty
     */
    public String label() {
        return displayName.isEmpty() ? sli : displayName;
    }

    /**
     * Whether any relative criterion of this objective had no baseline and was therefore counted as met.
     *
     * @return {@code true} if a target has basis {@link TargetBasis#NO_BASELINE}
     */
    public boolean missingBaseline() {
        return passTargets.stream().anyMatch(t -> t.basis() == TargetBasis.NO_BASELINE)
                || warningTargets.stream().anyMatch(t -> t.basis() == TargetBasis.NO_BASELINE);
    }

    /**
     * One line that explains this outcome to a person: the value, each criterion with its target and baseline, and
     * the status with the score earned.
     *
     * <p>For example {@code response_time_p95 = 482 → warning, score 0.5 of 1: pass <=+10% violated (target 440 from
     * baseline 400), <600 met; warning <=800 met}.
     *
     * @return the explanation
     */
    public String explanation() {
        StringBuilder sb = new StringBuilder(label());
        if (!success) {
            sb.append(": no value (").append(message.isEmpty() ? "retrieval failed" : message).append(')');
        } else {
            sb.append(" = ").append(GoNumbers.format(value));
            if (!message.isEmpty()) {
                sb.append(" (").append(message).append(')');
            }
        }
        if (status == ObjectiveStatus.INFO) {
            return sb.append(" (informational, not scored)").toString();
        }
        sb.append(" → ").append(status.keyword())
                .append(", score ").append(GoNumbers.format(score)).append(" of ").append(weight);
        if (keySli) {
            sb.append(" (key SLI)");
        }
        if (!success) {
            return sb.toString();
        }
        appendTargets(sb.append(": pass "), passTargets);
        if (!warningTargets.isEmpty()) {
            appendTargets(sb.append("; warning "), warningTargets);
        }
        return sb.toString();
    }

    private static void appendTargets(StringBuilder sb, List<Target> targets) {
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(t.criteria()).append(t.violated() ? " violated" : " met");
            switch (t.basis()) {
                case BASELINE:
                    sb.append(" (target ").append(GoNumbers.format(t.targetValue()))
                            .append(" from baseline ").append(GoNumbers.format(t.comparedValue())).append(')');
                    break;
                case NO_BASELINE:
                    sb.append(" (no baseline yet: no earlier evaluation had a value, so it counts as met)");
                    break;
                default:
                    break;
            }
        }
    }
}
