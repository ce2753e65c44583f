package dev.qualitygate.engine;

import dev.qualitygate.criteria.Criterion;
import dev.qualitygate.criteria.GoNumbers;
import dev.qualitygate.model.Comparison;
import dev.qualitygate.model.CriteriaBlock;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.EvaluationStatus;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.KeySliFailure;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.Target;
import dev.qualitygate.model.TargetBasis;
import dev.qualitygate.model.TotalScore;
import dev.qualitygate.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Scores indicator values against an SLO and earlier evaluations: Keptn 1.4's lighthouse rules, with the
 * differences QualityGate makes on purpose (two objectives on one SLI are both scored; every key objective reports
 * {@code keySli}; relative criteria report their baseline and say when there was none).
 *
 * <p>A pure function: no I/O, no clock, no randomness, no shared state. The result carries no id, context, window or
 * time; {@link dev.qualitygate.QualityGate} and {@link dev.qualitygate.Gate} add them.
 *
 * <pre>{@code
 * EvaluationResult r = Evaluator.evaluate(slo, Map.of("response_time_p95", IndicatorValue.of(420)), history);
 * }</pre>
 *
 * @since 0.1
 */
public final class Evaluator {
    /** Keptn's text for an SLI the metric source did not return. */
    public static final String NO_VALUE = "no value received from SLI provider";

    private Evaluator() {
    }

    /**
     * Evaluates the values of one time window.
     *
     * @param slo the objectives and thresholds
     * @param values SLI name to value; an SLI that is absent counts as a failed retrieval
     * @param history earlier evaluations of the same project, stage and service, <em>oldest first</em>; the SLO's
     *     {@code comparison} picks the baseline from them (see {@link #selectBaseline})
     * @return the result; never {@code null}
     */
    public static EvaluationResult evaluate(Slo slo, Map<String, IndicatorValue> values,
            List<EvaluationResult> history) {
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(history, "history");
        List<EvaluationResult> compared = selectBaseline(slo.comparison(), history);
        List<String> comparedIds = new ArrayList<>(compared.size());
        for (EvaluationResult r : compared) {
            if (!r.id().isEmpty()) {
                comparedIds.add(r.id());
            }
        }
        if (slo.objectives().isEmpty()) {
            return result(EvaluationStatus.SUCCEEDED, Verdict.FAIL, 0, "no SLO objective was provided", List.of(),
                    comparedIds, null);
        }
        Baselines baselines = new Baselines(slo.comparison(), compared);
        List<IndicatorResult> results = new ArrayList<>(slo.objectives().size());
        double maximum = 0;
        double achieved = 0;
        KeySliFailure keyFailure = null;
        List<Objective> objectives = slo.objectives();
        for (int position = 0; position < objectives.size(); position++) {
            Objective objective = objectives.get(position);
            IndicatorResult r = evaluateObjective(objective, values.get(objective.sli()),
                    objective.informational() ? null : baselines.of(objective.sli(), position));
            results.add(r);
            if (!objective.informational()) {
                maximum += objective.weight();
                achieved += r.score();
                if (keyFailure == null && objective.keySli() && r.status() == ObjectiveStatus.FAIL) {
                    keyFailure = new KeySliFailure(objective.sli(), objective.displayName(), r.success()
                            ? "it met neither its pass nor its warning criteria"
                            : r.message());
                }
            }
        }
        if (maximum == 0) {
            return result(EvaluationStatus.SUCCEEDED, Verdict.PASS, 100, additionalSlis(slo, values), results,
                    comparedIds, null);
        }
        TotalScore thresholds = slo.totalScore();
        if (thresholds == null) {
            return result(EvaluationStatus.ERRORED, Verdict.FAIL, 0,
                    "no target score defined: the SLO has no total_score.pass", List.of(), comparedIds, null);
        }
        double total = 100.0 * (achieved / maximum);
        Double warning = thresholds.warning();
        Verdict verdict;
        String message;
        if (total >= thresholds.pass() && keyFailure == null) {
            verdict = Verdict.PASS;
            message = additionalSlis(slo, values);
        } else if (warning != null && keyFailure == null) {
            verdict = total >= warning ? Verdict.WARNING : Verdict.FAIL;
            message = total >= warning
                    ? "Evaluation returned a warning: the calculated score of " + GoNumbers.format(total)
                            + " is close to the warning target value of " + GoNumbers.format(warning)
                    : "Evaluation failed since the calculated score of " + GoNumbers.format(total)
                            + " is below the warning value of " + GoNumbers.format(warning);
        } else if (keyFailure != null) {
            String name = keyFailure.displayName().isEmpty() ? keyFailure.sli() : keyFailure.displayName();
            verdict = Verdict.FAIL;
            message = "Evaluation failed due to key_sli objective '" + name + "': " + keyFailure.reason();
        } else {
            verdict = Verdict.FAIL;
            message = "Evaluation failed since the calculated score of " + GoNumbers.format(total)
                    + " is below the target value of " + GoNumbers.format(thresholds.pass());
        }
        return result(EvaluationStatus.SUCCEEDED, verdict, total, message, results, comparedIds, keyFailure);
    }

    /** A result without id, context, window or time: those are the caller's to add. */
    private static EvaluationResult result(EvaluationStatus status, Verdict verdict, double score, String message,
            List<IndicatorResult> results, List<String> comparedIds, @Nullable KeySliFailure keyFailure) {
        return new EvaluationResult("", "", "", "", Map.of(), null, null, status, verdict, verdict, score, message,
                results, comparedIds, keyFailure, "");
    }

    /**
     * The earlier evaluations an SLO compares with: the newest {@link Comparison#resultsToCompare()} of those whose
     * overall result the {@code include_result_with_score} filter accepts. An eligible evaluation without a value for
     * some SLI still takes one of the places, as in Keptn.
     *
     * @param comparison the SLO's comparison settings
     * @param history earlier evaluations, oldest first
     * @return the selected evaluations, newest first
     */
    public static List<EvaluationResult> selectBaseline(Comparison comparison, List<EvaluationResult> history) {
        int wanted = comparison.resultsToCompare();
        List<EvaluationResult> selected = new ArrayList<>(Math.min(wanted, history.size()));
        for (int i = history.size() - 1; i >= 0 && selected.size() < wanted; i--) {
            EvaluationResult r = history.get(i);
            if (comparison.includeResultWithScore().accepts(r.result())) {
                selected.add(r);
            }
        }
        return selected;
    }

    private static IndicatorResult evaluateObjective(Objective objective, @Nullable IndicatorValue value,
            @Nullable Baseline baseline) {
        boolean success = value instanceof IndicatorValue.Measured;
        double measured = success ? ((IndicatorValue.Measured) value).value() : 0;
        String message = value instanceof IndicatorValue.Failed failed ? failed.reason()
                : success ? ((IndicatorValue.Measured) value).note() : NO_VALUE;
        if (objective.informational()) {
            return new IndicatorResult(objective.sli(), objective.displayName(), measured, success, message, 0,
                    ObjectiveStatus.INFO, 0, objective.weight(), objective.keySli(), List.of(),
                    unevaluated(objective.warning(), Double.NaN));
        }
        if (!success) {
            double shown = baseline == null ? Double.NaN : baseline.value;
            return new IndicatorResult(objective.sli(), objective.displayName(), 0, false, message, 0,
                    ObjectiveStatus.FAIL, 0, objective.weight(), objective.keySli(),
                    unevaluated(objective.pass(), shown), unevaluated(objective.warning(), shown));
        }
        List<Target> passTargets = new ArrayList<>();
        boolean passed = evaluateBlocks(objective.pass(), measured, baseline, passTargets);
        List<Target> warningTargets = new ArrayList<>();
        boolean warned = !objective.warning().isEmpty()
                && evaluateBlocks(objective.warning(), measured, baseline, warningTargets);
        ObjectiveStatus status;
        double score;
        if (passed) {
            status = ObjectiveStatus.PASS;
            score = objective.weight();
        } else if (warned) {
            status = ObjectiveStatus.WARNING;
            score = 0.5 * objective.weight();
        } else {
            status = ObjectiveStatus.FAIL;
            score = 0;
        }
        return new IndicatorResult(objective.sli(), objective.displayName(), measured, true, message,
                baseline == null ? 0 : baseline.value, status, score, objective.weight(), objective.keySli(),
                passTargets, warningTargets);
    }

    /** OR over blocks, AND within a block; every criterion is evaluated and reported. */
    private static boolean evaluateBlocks(List<CriteriaBlock> blocks, double value, @Nullable Baseline baseline,
            List<Target> targets) {
        boolean anyBlock = false;
        for (CriteriaBlock block : blocks) {
            boolean all = true;
            for (Criterion c : block.criteria()) {
                Target t;
                if (!c.isRelative()) {
                    double target = c.amount();
                    t = new Target(c.text(), target, !c.isMetBy(value, target), TargetBasis.ABSOLUTE, 0);
                } else if (baseline == null) {
                    t = new Target(c.text(), 0, false, TargetBasis.NO_BASELINE, 0);
                } else {
                    double target = c.target(baseline.value);
                    t = new Target(c.text(), target, !c.isMetBy(value, target), TargetBasis.BASELINE,
                            baseline.value);
                }
                targets.add(t);
                all &= !t.violated();
            }
            anyBlock |= all;
        }
        return anyBlock;
    }

    /**
     * Targets of criteria that were not evaluated (missing value, or warning criteria of an informational
     * objective): all violated; absolute ones show their number, relative ones the plain baseline, as Keptn did.
     */
    private static List<Target> unevaluated(List<CriteriaBlock> blocks, double baseline) {
        if (blocks.isEmpty()) {
            return List.of();
        }
        List<Target> targets = new ArrayList<>();
        for (CriteriaBlock block : blocks) {
            for (Criterion c : block.criteria()) {
                if (!c.isRelative()) {
                    targets.add(new Target(c.text(), c.amount(), true, TargetBasis.ABSOLUTE, 0));
                } else if (Double.isNaN(baseline)) {
                    targets.add(new Target(c.text(), 0, true, TargetBasis.NO_BASELINE, 0));
                } else {
                    targets.add(new Target(c.text(), baseline, true, TargetBasis.BASELINE, baseline));
                }
            }
        }
        return targets;
    }

    private static String additionalSlis(Slo slo, Map<String, IndicatorValue> values) {
        List<Objective> objectives = slo.objectives();
        StringJoiner extra = new StringJoiner(", ");
        int position = 0;
        outer:
        for (String name : values.keySet()) {
            if (position < objectives.size() && objectives.get(position++).sli().equals(name)) {
                continue;
            }
            for (Objective o : objectives) {
                if (o.sli().equals(name)) {
                    continue outer;
                }
            }
            extra.add(name);
        }
        return extra.length() == 0 ? "" : "received additional SLIs, which are not specified as SLO: " + extra
                + ". Please consider using them as an SLO.";
    }

    /** The aggregated earlier value of one SLI. */
    private static final class Baseline {
        final double value;

        Baseline(double value) {
            this.value = value;
        }
    }

    /** Computes the baseline of an SLI from the selected evaluations. */
    private static final class Baselines {
        private final Comparison comparison;
        private final List<EvaluationResult> compared;

        Baselines(Comparison comparison, List<EvaluationResult> compared) {
            this.comparison = comparison;
            this.compared = compared;
        }

        /**
         * The baseline of an SLI: per earlier evaluation its first successful value. {@code position} is where the
         * SLI's objective stands in the SLO, which is where earlier evaluations of the same SLO hold its value, so the
         * lookup usually needs a single comparison. (Two objectives on one SLI carry the same value.)
         */
        @Nullable Baseline of(String sli, int position) {
            if (compared.isEmpty()) {
                return null;
            }
            double[] values = new double[compared.size()];
            int n = 0;
            for (EvaluationResult r : compared) {
                List<IndicatorResult> results = r.indicatorResults();
                IndicatorResult hint = position < results.size() ? results.get(position) : null;
                if (hint != null && hint.success() && hint.sli().equals(sli)) {
                    values[n++] = hint.value();
                    continue;
                }
                for (IndicatorResult ir : results) {
                    if (ir.success() && ir.sli().equals(sli)) {
                        values[n++] = ir.value();
                        break;
                    }
                }
            }
            return n == 0 ? null : new Baseline(Aggregation.apply(comparison.aggregateFunction(), values, n));
        }
    }
}
