package dev.qualitygate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.qualitygate.criteria.Criterion;
import dev.qualitygate.criteria.Criterion.Kind;
import dev.qualitygate.criteria.Operator;
import dev.qualitygate.model.AggregateFunction;
import dev.qualitygate.model.CompareWith;
import dev.qualitygate.model.Comparison;
import dev.qualitygate.model.CriteriaBlock;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.TotalScore;
import dev.qualitygate.model.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of the evaluator over random valid SLOs, values and histories. */
class EvaluatorPropertiesTest {

    /** Which way a value is better for an objective: every criterion of it uses operators of one side. */
    enum Direction {
        LOWER_IS_BETTER(List.of(Operator.LT, Operator.LE)),
        HIGHER_IS_BETTER(List.of(Operator.GT, Operator.GE));

        final List<Operator> operators;

        Direction(List<Operator> operators) {
            this.operators = operators;
        }
    }

    /** One generated evaluation input; {@code directions.get(i)} belongs to objective {@code i}. */
    record Scenario(Slo slo, List<Direction> directions, Map<String, IndicatorValue> values,
            List<EvaluationResult> history) {

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Scenario[comparison=").append(slo.comparison())
                    .append(", totalScore=").append(slo.totalScore()).append(", objectives=");
            for (int i = 0; i < slo.objectives().size(); i++) {
                Objective o = slo.objectives().get(i);
                sb.append("\n  ").append(o.sli()).append(" w=").append(o.weight()).append(o.keySli() ? " key" : "")
                        .append(" ").append(directions.get(i)).append(" pass=").append(o.pass())
                        .append(" warning=").append(o.warning());
            }
            sb.append("\n  values=").append(values).append("\n  history=");
            for (EvaluationResult h : history) {
                sb.append("\n    ").append(h.id()).append(' ').append(h.result()).append(' ');
                h.indicatorResults().forEach(r -> sb.append(r.sli()).append('=').append(r.value())
                        .append(r.success() ? "" : "(failed)").append(' '));
            }
            return sb.append(']').toString();
        }
    }

    private static final Gen<Integer> PERCENT = integers().between(0, 100);

    private static final Gen<Double> VALUES = Generate.oneOf(
            integers().between(-50, 1500).map(Integer::doubleValue),
            doubles().between(-100, 2000),
            Generate.pick(List.of(0.0, 100.0, 200.0, 500.0)));

    private static Gen<Criterion> criterion(Direction direction) {
        Gen<Operator> operators = Generate.pick(direction.operators);
        Gen<Kind> kinds = Generate.enumValues(Kind.class);
        Gen<Double> absolute = integers().between(0, 1200).map(Integer::doubleValue)
                .mix(doubles().between(0, 1200), 30);
        Gen<Double> percent = integers().between(-90, 150).map(Integer::doubleValue);
        Gen<Double> change = integers().between(-300, 300).map(Integer::doubleValue);
        return in -> {
            Operator op = operators.generate(in);
            Kind kind = kinds.generate(in);
            double amount = switch (kind) {
                case ABSOLUTE -> absolute.generate(in);
                case RELATIVE_PERCENT -> percent.generate(in);
                case RELATIVE_ABSOLUTE -> change.generate(in);
            };
            return Criterion.of(op, kind, amount);
        };
    }

    private static Gen<List<CriteriaBlock>> blocks(Direction direction, int min, int max) {
        Gen<Integer> count = integers().between(min, max);
        Gen<Integer> size = integers().between(1, 3);
        Gen<Criterion> criteria = criterion(direction);
        return in -> {
            int n = count.generate(in);
            List<CriteriaBlock> blocks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int m = size.generate(in);
                List<Criterion> cs = new ArrayList<>();
                for (int j = 0; j < m; j++) {
                    cs.add(criteria.generate(in));
                }
                blocks.add(new CriteriaBlock(cs));
            }
            return blocks;
        };
    }

    private static final Gen<Scenario> SCENARIOS = scenarios(false);

    /** Scenarios; with {@code onlyMeasured} every objective's SLI has a measured value. */
    private static Gen<Scenario> scenarios(boolean onlyMeasured) {
        Gen<Integer> objectiveCount = integers().between(1, 10);
        Gen<Direction> directions = Generate.enumValues(Direction.class);
        Gen<Integer> weights = integers().between(1, 5);
        Gen<Boolean> booleans = Generate.booleans();
        Gen<Integer> oneIn = integers().between(0, 9);
        Gen<CompareWith> compareWith = Generate.enumValues(CompareWith.class);
        Gen<ResultFilter> filters = Generate.enumValues(ResultFilter.class);
        Gen<AggregateFunction> aggregates = Generate.enumValues(AggregateFunction.class);
        Gen<Integer> comparisonCount = integers().between(1, 5);
        Gen<Integer> historyLength = integers().between(0, 6);
        Gen<Verdict> verdicts = Generate.enumValues(Verdict.class);
        return in -> {
            int n = objectiveCount.generate(in);
            Slo.Builder slo = Slo.builder();
            List<Direction> dirs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Direction d = directions.generate(in);
                dirs.add(d);
                boolean informational = oneIn.generate(in) < 2;
                List<CriteriaBlock> pass = informational ? List.of() : blocks(d, 1, 3).generate(in);
                List<CriteriaBlock> warning = blocks(d, 0, 2).generate(in);
                slo.objective(new Objective("s" + i, "", pass, warning, weights.generate(in), booleans.generate(in)));
            }
            int pass = PERCENT.generate(in);
            Double warning = booleans.generate(in) ? null : (double) integers().between(0, pass).generate(in);
            slo.totalScore(new TotalScore(pass, warning));
            slo.comparison(new Comparison(compareWith.generate(in), filters.generate(in),
                    comparisonCount.generate(in), aggregates.generate(in)));

            Map<String, IndicatorValue> values = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                int kind = onlyMeasured ? 0 : oneIn.generate(in);
                if (kind < 8) {
                    values.put("s" + i, IndicatorValue.of(VALUES.generate(in)));
                } else if (kind == 8) {
                    values.put("s" + i, IndicatorValue.failed("no data"));
                }
            }
            List<EvaluationResult> history = new ArrayList<>();
            int h = historyLength.generate(in);
            for (int e = 0; e < h; e++) {
                EvaluationResult.Builder b = EvaluationResult.builder().id("h" + e).result(verdicts.generate(in));
                for (int i = 0; i < n; i++) {
                    int kind = oneIn.generate(in);
                    if (kind < 7) {
                        b.addIndicatorResult(new IndicatorResult("s" + i, "", VALUES.generate(in), true, "", 0,
                                ObjectiveStatus.PASS, 1, 1, false, List.of(), List.of()));
                    } else if (kind == 7) {
                        b.addIndicatorResult(new IndicatorResult("s" + i, "", VALUES.generate(in), false, "x", 0,
                                ObjectiveStatus.FAIL, 0, 1, false, List.of(), List.of()));
                    }
                }
                history.add(b.build());
            }
            return new Scenario(slo.build(), dirs, values, history);
        };
    }

    private static EvaluationResult evaluate(Scenario s) {
        return Evaluator.evaluate(s.slo(), s.values(), s.history());
    }

    @Test
    void evaluate_anyScenario_scoreWithinZeroAndHundred() {
        qt().forAll(SCENARIOS).checkAssert(s -> {
            EvaluationResult r = evaluate(s);
            assertThat(r.score()).isBetween(0.0, 100.0);
            if (s.slo().objectives().stream().allMatch(Objective::informational)) {
                assertThat(r.score()).isEqualTo(100.0);
                assertThat(r.result()).isEqualTo(Verdict.PASS);
            }
            assertThat(r.indicatorResults()).hasSameSizeAs(s.slo().objectives());
        });
    }

    @Test
    void evaluate_failingKeySli_resultFail() {
        qt().forAll(SCENARIOS).checkAssert(s -> {
            EvaluationResult r = evaluate(s);
            boolean keyFailed = false;
            for (int i = 0; i < s.slo().objectives().size(); i++) {
                Objective o = s.slo().objectives().get(i);
                IndicatorResult ir = r.indicatorResults().get(i);
                if (o.keySli() && !o.informational() && ir.status() == ObjectiveStatus.FAIL) {
                    keyFailed = true;
                }
            }
            if (keyFailed) {
                assertThat(r.result()).isEqualTo(Verdict.FAIL);
                assertThat(r.keySliFailure()).isNotNull();
            } else {
                assertThat(r.keySliFailure()).isNull();
            }
        });
    }

    @Test
    void evaluate_keySliWithoutValue_resultFail() {
        qt().forAll(SCENARIOS).checkAssert(s -> {
            boolean keyWithoutValue = s.slo().objectives().stream().anyMatch(o -> o.keySli() && !o.informational()
                    && !(s.values().get(o.sli()) instanceof IndicatorValue.Measured));
            if (keyWithoutValue) {
                assertThat(evaluate(s).result()).isEqualTo(Verdict.FAIL);
            }
        });
    }

    @Test
    void evaluate_oneValueMovedInItsBetterDirection_verdictAndScoreNeverWorse() {
        qt().forAll(scenarios(true), integers().between(0, 9), doubles().between(0.001, 800))
                .checkAssert((s, pick, delta) -> {
                    int i = pick % s.slo().objectives().size();
                    String sli = s.slo().objectives().get(i).sli();
                    double before = ((IndicatorValue.Measured) s.values().get(sli)).value();
                    double after = s.directions().get(i) == Direction.LOWER_IS_BETTER ? before - delta
                            : before + delta;
                    Map<String, IndicatorValue> moved = new LinkedHashMap<>(s.values());
                    moved.put(sli, IndicatorValue.of(after));

                    EvaluationResult worse = evaluate(s);
                    EvaluationResult better = Evaluator.evaluate(s.slo(), moved, s.history());

                    assertThat(better.result().isWorseThan(worse.result()))
                            .as("%s -> %s moving %s from %s to %s", worse.result(), better.result(), sli, before,
                                    after)
                            .isFalse();
                    assertThat(better.score()).isGreaterThanOrEqualTo(worse.score());
                    assertThat(better.indicatorResults().get(i).score())
                            .isGreaterThanOrEqualTo(worse.indicatorResults().get(i).score());
                });
    }

    @Test
    void evaluate_sameInputTwice_equalResults() {
        qt().forAll(SCENARIOS).checkAssert(s -> {
            EvaluationResult first = evaluate(s);
            EvaluationResult second = Evaluator.evaluate(s.slo(), new HashMap<>(s.values()),
                    new ArrayList<>(s.history()));
            assertThat(second).isEqualTo(first);
        });
    }

    @Test
    void evaluate_anyScenario_comparedEventsAreTheSelectedBaseline() {
        qt().forAll(SCENARIOS).checkAssert(s -> {
            EvaluationResult r = evaluate(s);
            List<String> selected = Evaluator.selectBaseline(s.slo().comparison(), s.history()).stream()
                    .map(EvaluationResult::id).toList();
            assertThat(r.comparedEvents()).isEqualTo(selected);
            assertThat(selected.size()).isLessThanOrEqualTo(s.slo().comparison().resultsToCompare());
        });
    }
}
