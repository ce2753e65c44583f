package dev.qualitygate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.qualitygate.model.AggregateFunction;
import dev.qualitygate.model.CompareWith;
import dev.qualitygate.model.Comparison;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.EvaluationStatus;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.Target;
import dev.qualitygate.model.TargetBasis;
import dev.qualitygate.model.TotalScore;
import dev.qualitygate.model.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scoring rules of keptn-semantics.md §2–§4, with the differences of §9. */
class EvaluatorTest {

    // ---------------------------------------------------------------- helpers

    private static Slo slo(Objective... objectives) {
        Slo.Builder b = Slo.builder();
        for (Objective o : objectives) {
            b.objective(o);
        }
        return b.build();
    }

    private static Slo slo(Comparison comparison, Objective... objectives) {
        Slo.Builder b = Slo.builder().comparison(comparison);
        for (Objective o : objectives) {
            b.objective(o);
        }
        return b.build();
    }

    private static Slo slo(TotalScore totalScore, Objective... objectives) {
        Slo.Builder b = Slo.builder().totalScore(totalScore);
        for (Objective o : objectives) {
            b.objective(o);
        }
        return b.build();
    }

    private static Map<String, IndicatorValue> values(Object... nameValuePairs) {
        Map<String, IndicatorValue> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            Object v = nameValuePairs[i + 1];
            values.put((String) nameValuePairs[i],
                    v instanceof IndicatorValue iv ? iv : IndicatorValue.of(((Number) v).doubleValue()));
        }
        return values;
    }

    /** An earlier evaluation with the given overall result and successfully retrieved values. */
    private static EvaluationResult previous(String id, Verdict result, Object... nameValuePairs) {
        EvaluationResult.Builder b = EvaluationResult.builder().id(id).result(result);
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            b.addIndicatorResult(indicator((String) nameValuePairs[i], ((Number) nameValuePairs[i + 1]).doubleValue(),
                    true));
        }
        return b.build();
    }

    private static IndicatorResult indicator(String sli, double value, boolean success) {
        return new IndicatorResult(sli, "", value, success, success ? "" : "query failed", 0,
                success ? ObjectiveStatus.PASS : ObjectiveStatus.FAIL, success ? 1 : 0, 1, false, List.of(),
                List.of());
    }

    private static Comparison several(int n, ResultFilter filter, AggregateFunction aggregate) {
        return new Comparison(CompareWith.SEVERAL_RESULTS, filter, n, aggregate);
    }

    private static Comparison single(ResultFilter filter) {
        return new Comparison(CompareWith.SINGLE_RESULT, filter, 1, AggregateFunction.AVG);
    }

    private static EvaluationResult evaluate(Slo slo, Map<String, IndicatorValue> values,
            EvaluationResult... historyOldestFirst) {
        return Evaluator.evaluate(slo, values, List.of(historyOldestFirst));
    }

    private static IndicatorResult only(EvaluationResult r) {
        assertThat(r.indicatorResults()).hasSize(1);
        return r.indicatorResults().get(0);
    }

    // ---------------------------------------------------------------- §2.3 combining criteria

    @Nested
    class CombiningCriteria {

        @Test
        void evaluate_onlySecondBlockOfPassMet_passesBecauseBlocksAreAlternatives() {
            Objective o = Objective.builder("rt").pass("<=5").pass("<=+10%").build();

            IndicatorResult r = only(evaluate(slo(o), values("rt", 10.5), previous("p", Verdict.PASS, "rt", 10)));

            assertThat(r.status()).isEqualTo(ObjectiveStatus.PASS);
            assertThat(r.score()).isEqualTo(1.0);
            assertThat(r.passTargets()).extracting(Target::criteria, Target::violated)
                    .containsExactly(tuple("<=5", true), tuple("<=+10%", false));
        }

        @Test
        void evaluate_noBlockOfPassMet_notPass() {
            Objective o = Objective.builder("rt").pass("<=5").pass("<=+10%").build();

            IndicatorResult r = only(evaluate(slo(o), values("rt", 11.5), previous("p", Verdict.PASS, "rt", 10)));

            assertThat(r.status()).isEqualTo(ObjectiveStatus.FAIL);
            assertThat(r.passTargets()).extracting(Target::violated).containsExactly(true, true);
        }

        @Test
        void evaluate_oneCriterionOfABlockViolated_blockNotMet() {
            Objective o = Objective.builder("rt").pass("<600", ">100").build();

            assertThat(only(evaluate(slo(o), values("rt", 50))).status()).isEqualTo(ObjectiveStatus.FAIL);
            assertThat(only(evaluate(slo(o), values("rt", 700))).status()).isEqualTo(ObjectiveStatus.FAIL);
            assertThat(only(evaluate(slo(o), values("rt", 300))).status()).isEqualTo(ObjectiveStatus.PASS);
        }

        @Test
        void evaluate_everyBlockIsEvaluatedAndReportedInFileOrder() {
            Objective o = Objective.builder("rt").pass("<=15.0").pass("<=+10%")
                    .warning("<=20.0").warning("<=+15%").build();

            IndicatorResult r = only(evaluate(slo(o), values("rt", 10), previous("p", Verdict.PASS, "rt", 10)));

            assertThat(r.passTargets()).extracting(Target::criteria, Target::targetValue, Target::violated)
                    .containsExactly(tuple("<=15.0", 15.0, false), tuple("<=+10%", 11.0, false));
            assertThat(r.warningTargets()).extracting(Target::criteria, Target::violated)
                    .containsExactly(tuple("<=20.0", false), tuple("<=+15%", false));
            assertThat(r.warningTargets().get(1).targetValue()).isCloseTo(11.5, within(1e-9));
        }

        @Test
        void evaluate_passNotMetWarningMet_warningWithHalfTheWeight() {
            Objective o = Objective.builder("rt").pass("<=15.0").pass("<=+10%")
                    .warning("<=20.0").warning("<=+15%").weight(4).build();

            IndicatorResult r = only(evaluate(slo(o), values("rt", 16), previous("p", Verdict.PASS, "rt", 10)));

            assertThat(r.status()).isEqualTo(ObjectiveStatus.WARNING);
            assertThat(r.score()).isEqualTo(2.0);
            assertThat(r.passTargets()).extracting(Target::violated).containsExactly(true, true);
            assertThat(r.warningTargets()).extracting(Target::violated).containsExactly(false, true);
        }

        @Test
        void evaluate_neitherMet_failWithScoreZero() {
            Objective o = Objective.builder("rt").pass("<10").warning("<20").weight(3).build();

            IndicatorResult r = only(evaluate(slo(o), values("rt", 25)));

            assertThat(r.status()).isEqualTo(ObjectiveStatus.FAIL);
            assertThat(r.score()).isZero();
        }

        @Test
        void evaluate_noWarningCriteria_warningTargetsEmpty() {
            IndicatorResult r = only(evaluate(slo(Objective.builder("rt").pass("<10").build()), values("rt", 25)));

            assertThat(r.warningTargets()).isEmpty();
            assertThat(r.status()).isEqualTo(ObjectiveStatus.FAIL);
        }

        @Test
        void evaluate_passMet_warningStillEvaluatedAndReported() {
            Objective o = Objective.builder("rt").pass("<10").warning("<5").build();

            IndicatorResult r = only(evaluate(slo(o), values("rt", 7)));

            assertThat(r.status()).isEqualTo(ObjectiveStatus.PASS);
            assertThat(r.warningTargets()).extracting(Target::criteria, Target::violated)
                    .containsExactly(tuple("<5", true));
        }

        @Test
        void evaluate_equalsOperator_exactEquality() {
            Objective o = Objective.builder("errors").pass("=0").build();

            assertThat(only(evaluate(slo(o), values("errors", 0))).status()).isEqualTo(ObjectiveStatus.PASS);
            assertThat(only(evaluate(slo(o), values("errors", 1e-12))).status()).isEqualTo(ObjectiveStatus.FAIL);
        }
    }

    // ---------------------------------------------------------------- §4.1 informational objectives

    @Nested
    class InformationalObjectives {

        @Test
        void evaluate_objectiveWithoutPass_isInfoWithScoreZeroAndNotCountedInMaximum() {
            Slo slo = slo(Objective.builder("rt").pass("<600").build(), Objective.builder("log").weight(5).build());

            EvaluationResult r = evaluate(slo, values("rt", 100, "log", 30));

            IndicatorResult info = r.objective("log").orElseThrow();
            assertThat(info.status()).isEqualTo(ObjectiveStatus.INFO);
            assertThat(info.score()).isZero();
            assertThat(info.passTargets()).isEmpty();
            assertThat(info.value()).isEqualTo(30.0);
            assertThat(info.success()).isTrue();
            assertThat(r.score()).isEqualTo(100.0);
            assertThat(r.result()).isEqualTo(Verdict.PASS);
        }

        @Test
        void evaluate_infoObjectiveWithWarningCriteria_listsThemViolatedWithoutEvaluating() {
            Slo slo = slo(Objective.builder("log").warning("<=1000", "<=+100%").build());

            IndicatorResult r = only(evaluate(slo, values("log", 5), previous("p", Verdict.PASS, "log", 5)));

            assertThat(r.status()).isEqualTo(ObjectiveStatus.INFO);
            assertThat(r.comparedValue()).isZero();
            assertThat(r.warningTargets()).extracting(Target::criteria, Target::targetValue, Target::violated)
                    .containsExactly(tuple("<=1000", 1000.0, true), tuple("<=+100%", 0.0, true));
        }

        @Test
        void evaluate_infoObjectiveWithMissingValue_staysInfoAndDoesNotFail() {
            Slo slo = slo(Objective.builder("rt").pass("<600").build(), Objective.builder("log").keySli(true).build());

            EvaluationResult r = evaluate(slo, values("rt", 100));

            IndicatorResult info = r.objective("log").orElseThrow();
            assertThat(info.status()).isEqualTo(ObjectiveStatus.INFO);
            assertThat(info.success()).isFalse();
            assertThat(info.message()).isEqualTo(Evaluator.NO_VALUE);
            assertThat(r.result()).isEqualTo(Verdict.PASS);
            assertThat(r.keySliFailure()).isNull();
        }

        @Test
        void evaluate_onlyInfoObjectives_passWith100() {
            Slo slo = slo(Objective.builder("a").build(), Objective.builder("b").build());

            EvaluationResult r = evaluate(slo, values("a", 10, "b", 10));

            assertThat(r.result()).isEqualTo(Verdict.PASS);
            assertThat(r.score()).isEqualTo(100.0);
            assertThat(r.indicatorResults()).extracting(IndicatorResult::status)
                    .containsExactly(ObjectiveStatus.INFO, ObjectiveStatus.INFO);
        }

        @Test
        void evaluate_onlyInfoObjectivesAndNoTotalScore_stillPassWith100() {
            Slo slo = Slo.builder().totalScore(null).objective(Objective.builder("a").build()).build();

            EvaluationResult r = evaluate(slo, values("a", 1));

            assertThat(r.result()).isEqualTo(Verdict.PASS);
            assertThat(r.status()).isEqualTo(EvaluationStatus.SUCCEEDED);
            assertThat(r.score()).isEqualTo(100.0);
        }
    }

    // ---------------------------------------------------------------- §4.1 step 2 missing and failed values

    @Nested
    class MissingAndFailedValues {

        @Test
        void evaluate_valueMissing_failScoreZeroWithKeptnMessage() {
            Slo slo = slo(Objective.builder("rt").pass("<600").build(), Objective.builder("tp").pass(">5").build());

            EvaluationResult r = evaluate(slo, values("tp", 10));

            IndicatorResult rt = r.objective("rt").orElseThrow();
            assertThat(rt.status()).isEqualTo(ObjectiveStatus.FAIL);
            assertThat(rt.score()).isZero();
            assertThat(rt.success()).isFalse();
            assertThat(rt.value()).isZero();
            assertThat(rt.message()).isEqualTo("no value received from SLI provider");
            assertThat(r.score()).isEqualTo(50.0);
        }

        @Test
        void evaluate_measuredValueWithNote_scoredWithTheNoteAsMessage() {
            Slo slo = slo(Objective.builder("rt").pass("<600").build());

            IndicatorResult rt = only(evaluate(slo, values("rt",
                    IndicatorValue.of(420, "2 of 1000 lines could not be read"))));

            assertThat(rt.status()).isEqualTo(ObjectiveStatus.PASS);
            assertThat(rt.success()).isTrue();
            assertThat(rt.value()).isEqualTo(420.0);
            assertThat(rt.message()).isEqualTo("2 of 1000 lines could not be read");
            assertThat(rt.explanation()).startsWith("rt = 420 (2 of 1000 lines could not be read) → pass");
        }

        @Test
        void evaluate_valueFailed_failScoreZeroWithItsReason() {
            Slo slo = slo(Objective.builder("rt").pass("<600").warning("<800").build());

            IndicatorResult rt = only(evaluate(slo, values("rt", IndicatorValue.failed("query did not return any values"))));

            assertThat(rt.status()).isEqualTo(ObjectiveStatus.FAIL);
            assertThat(rt.score()).isZero();
            assertThat(rt.success()).isFalse();
            assertThat(rt.message()).isEqualTo("query did not return any values");
            assertThat(rt.passTargets()).extracting(Target::criteria, Target::targetValue, Target::violated)
                    .containsExactly(tuple("<600", 600.0, true));
            assertThat(rt.warningTargets()).extracting(Target::criteria, Target::targetValue, Target::violated)
                    .containsExactly(tuple("<800", 800.0, true));
        }

        @Test
        void evaluate_valueFailedWithBaseline_relativeTargetShowsThePlainBaseline() {
            Slo slo = slo(Objective.builder("rt").pass("<=+10%").build());

            IndicatorResult rt = only(evaluate(slo, values("rt", IndicatorValue.failed("timeout")),
                    previous("p", Verdict.PASS, "rt", 200)));

            Target t = rt.passTargets().get(0);
            assertThat(t.targetValue()).isEqualTo(200.0);
            assertThat(t.violated()).isTrue();
            assertThat(t.basis()).isEqualTo(TargetBasis.BASELINE);
            assertThat(t.comparedValue()).isEqualTo(200.0);
            assertThat(rt.comparedValue()).isZero();
        }

        @Test
        void evaluate_valueFailedWithoutBaseline_relativeTargetIsZeroWithBasisNoBaseline() {
            Slo slo = slo(Objective.builder("rt").pass("<=+10%", "<600").build());

            IndicatorResult rt = only(evaluate(slo, values("rt", IndicatorValue.failed("timeout"))));

            assertThat(rt.passTargets()).extracting(Target::criteria, Target::targetValue, Target::violated,
                            Target::basis)
                    .containsExactly(tuple("<=+10%", 0.0, true, TargetBasis.NO_BASELINE),
                            tuple("<600", 600.0, true, TargetBasis.ABSOLUTE));
        }

        @Test
        void evaluate_allValuesFailed_scoredObjectivesFailInfoStaysInfoTotalZero() {
            Slo slo = slo(Objective.builder("a").pass("<1").build(), Objective.builder("b").pass("<1").build(),
                    Objective.builder("c").build());

            EvaluationResult r = evaluate(slo, values("a", IndicatorValue.failed("down"),
                    "b", IndicatorValue.failed("down"), "c", IndicatorValue.failed("down")));

            assertThat(r.indicatorResults()).extracting(IndicatorResult::status)
                    .containsExactly(ObjectiveStatus.FAIL, ObjectiveStatus.FAIL, ObjectiveStatus.INFO);
            assertThat(r.score()).isZero();
            assertThat(r.result()).isEqualTo(Verdict.FAIL);
        }
    }

    // ---------------------------------------------------------------- §4.3 key SLIs

    @Nested
    class KeySlis {

        @Test
        void evaluate_keySliFails_failOverallButScoreStillReported() {
            Slo slo = slo(Objective.builder("rt").pass("<=15").build(),
                    Objective.builder("key").displayName("Key metric").pass("<=15").keySli(true).build());

            EvaluationResult r = evaluate(slo, values("rt", 10, "key", 25));

            assertThat(r.result()).isEqualTo(Verdict.FAIL);
            assertThat(r.evaluationResult()).isEqualTo(Verdict.FAIL);
            assertThat(r.score()).isEqualTo(50.0);
            assertThat(r.keySliFailure()).isNotNull();
            assertThat(r.keySliFailure().sli()).isEqualTo("key");
            assertThat(r.keySliFailure().displayName()).isEqualTo("Key metric");
            assertThat(r.message()).startsWith("Evaluation failed due to key_sli objective 'Key metric': ");
        }

        @Test
        void evaluate_keySliFailsWhileScoreReachesPass_stillFail() {
            Slo slo = slo(Objective.builder("rt").pass("<600").weight(9).build(),
                    Objective.builder("err").pass("<1").keySli(true).build());

            EvaluationResult r = evaluate(slo, values("rt", 100, "err", 5));

            assertThat(r.score()).isEqualTo(90.0);
            assertThat(r.result()).isEqualTo(Verdict.FAIL);
        }

        @Test
        void evaluate_keySliInWarningBand_isNotAFailure() {
            Slo slo = slo(Objective.builder("rt").pass("<=15").build(),
                    Objective.builder("key").pass("<=15").warning("<=20").keySli(true).build());

            EvaluationResult r = evaluate(slo, values("rt", 10, "key", 18));

            assertThat(r.objective("key").orElseThrow().status()).isEqualTo(ObjectiveStatus.WARNING);
            assertThat(r.score()).isEqualTo(75.0);
            assertThat(r.result()).isEqualTo(Verdict.WARNING);
            assertThat(r.keySliFailure()).isNull();
        }

        @Test
        void evaluate_keySliValueMissing_failsAndReportsKeySliTrue() {
            Slo slo = slo(Objective.builder("rt").pass("<600").weight(9).build(),
                    Objective.builder("key").pass("<1").keySli(true).build());

            EvaluationResult r = evaluate(slo, values("rt", 100));

            IndicatorResult key = r.objective("key").orElseThrow();
            assertThat(key.keySli()).isTrue();
            assertThat(key.status()).isEqualTo(ObjectiveStatus.FAIL);
            assertThat(r.result()).isEqualTo(Verdict.FAIL);
            assertThat(r.score()).isEqualTo(90.0);
            assertThat(r.keySliFailure()).isNotNull();
            assertThat(r.keySliFailure().reason()).isEqualTo(Evaluator.NO_VALUE);
        }

        @Test
        void evaluate_keySliValueFailed_failsWithTheFailureReason() {
            Slo slo = slo(Objective.builder("key").displayName("Errors").pass("<1").keySli(true).build());

            EvaluationResult r = evaluate(slo, values("key", IndicatorValue.failed("query did return multiple values")));

            assertThat(r.result()).isEqualTo(Verdict.FAIL);
            assertThat(r.keySliFailure().reason()).isEqualTo("query did return multiple values");
            assertThat(r.message()).isEqualTo(
                    "Evaluation failed due to key_sli objective 'Errors': query did return multiple values");
        }

        @Test
        void evaluate_keySliPasses_keySliReportedAndNoFailure() {
            Slo slo = slo(Objective.builder("key").pass("<1").keySli(true).build());

            EvaluationResult r = evaluate(slo, values("key", 0));

            assertThat(only(r).keySli()).isTrue();
            assertThat(r.result()).isEqualTo(Verdict.PASS);
            assertThat(r.keySliFailure()).isNull();
        }
    }

    // ---------------------------------------------------------------- §4.2, §4.3 total score and result

    @Nested
    class TotalScoreAndResult {

        @Test
        void evaluate_noObjectives_failWithScoreZero() {
            EvaluationResult r = evaluate(Slo.builder().build(), values("rt", 1));

            assertThat(r.result()).isEqualTo(Verdict.FAIL);
            assertThat(r.score()).isZero();
            assertThat(r.indicatorResults()).isEmpty();
        }

        @Test
        void evaluate_noTotalScore_erroredFailScoreZero() {
            Slo slo = Slo.builder().totalScore(null).objective(Objective.builder("rt").pass("<600").build()).build();

            EvaluationResult r = evaluate(slo, values("rt", 1));

            assertThat(r.status()).isEqualTo(EvaluationStatus.ERRORED);
            assertThat(r.result()).isEqualTo(Verdict.FAIL);
            assertThat(r.score()).isZero();
            assertThat(r.message()).contains("no target score defined");
        }

        @Test
        void evaluate_weights_scoreIsWeightedShare() {
            Slo slo = slo(Objective.builder("rt").pass("<600").weight(3).build(),
                    Objective.builder("err").pass("<5").weight(1).build());

            EvaluationResult r = evaluate(slo, values("rt", 500, "err", 7.5));

            assertThat(r.score()).isEqualTo(75.0);
            assertThat(r.objective("rt").orElseThrow().score()).isEqualTo(3.0);
            assertThat(r.objective("rt").orElseThrow().weight()).isEqualTo(3);
        }

        @Test
        void evaluate_scoreEqualsWarningThreshold_warning() {
            Slo slo = slo(Objective.builder("rt").pass("<600").weight(3).build(),
                    Objective.builder("err").pass("<5").weight(1).build());

            EvaluationResult r = evaluate(slo, values("rt", 500, "err", 7.5));

            assertThat(r.result()).isEqualTo(Verdict.WARNING);
            assertThat(r.message()).isEqualTo(
                    "Evaluation returned a warning: the calculated score of 75 is close to the warning target value"
                            + " of 75");
        }

        @Test
        void evaluate_scoreEqualsPassThreshold_pass() {
            Slo slo = slo(TotalScore.of(75, 50), Objective.builder("rt").pass("<600").weight(3).build(),
                    Objective.builder("err").pass("<5").weight(1).build());

            EvaluationResult r = evaluate(slo, values("rt", 500, "err", 7.5));

            assertThat(r.result()).isEqualTo(Verdict.PASS);
            assertThat(r.message()).isEmpty();
        }

        @Test
        void evaluate_twoOfThree_unroundedScoreDoesNotReach66point67() {
            Slo slo = slo(new TotalScore(66.67, 50.0), Objective.builder("a").pass("<1").build(),
                    Objective.builder("b").pass("<1").build(), Objective.builder("c").pass("<1").build());

            EvaluationResult r = evaluate(slo, values("a", 0, "b", 0, "c", 5));

            assertThat(r.score()).isEqualTo(100.0 * (2.0 / 3.0)).isLessThan(66.67);
            assertThat(r.result()).isEqualTo(Verdict.WARNING);
            assertThat(r.message()).isEqualTo("Evaluation returned a warning: the calculated score of"
                    + " 66.66666666666666 is close to the warning target value of 50");
        }

        @Test
        void evaluate_fiveOfSix_messageUsesGoNumberFormat() {
            Slo slo = slo(Objective.builder("a").pass("<1").weight(5).build(),
                    Objective.builder("b").pass("<1").build());

            EvaluationResult r = evaluate(slo, values("a", 0, "b", 5));

            assertThat(r.result()).isEqualTo(Verdict.WARNING);
            assertThat(r.message()).isEqualTo("Evaluation returned a warning: the calculated score of"
                    + " 83.33333333333334 is close to the warning target value of 75");
        }

        @Test
        void evaluate_belowWarning_failWithKeptnMessage() {
            Slo slo = slo(Objective.builder("a").pass("<1").weight(37).build(),
                    Objective.builder("b").pass("<1").weight(13).build());

            EvaluationResult r = evaluate(slo, values("a", 0, "b", 5));

            assertThat(r.score()).isEqualTo(74.0);
            assertThat(r.result()).isEqualTo(Verdict.FAIL);
            assertThat(r.message()).isEqualTo(
                    "Evaluation failed since the calculated score of 74 is below the warning value of 75");
        }

        @Test
        void evaluate_noWarningThreshold_noWarningOutcome() {
            Slo slo = slo(TotalScore.passOnly(90), Objective.builder("rt").pass("<600").weight(3).build(),
                    Objective.builder("err").pass("<5").weight(1).build());

            EvaluationResult r = evaluate(slo, values("rt", 500, "err", 7.5));

            assertThat(r.score()).isEqualTo(75.0);
            assertThat(r.result()).isEqualTo(Verdict.FAIL);
            assertThat(r.message()).isEqualTo(
                    "Evaluation failed since the calculated score of 75 is below the target value of 90");
        }

        @Test
        void evaluate_noWarningThresholdAndOnlyWarningObjectives_fail() {
            Slo slo = slo(TotalScore.passOnly(40), Objective.builder("rt").pass("<600").warning("<900").build(),
                    Objective.builder("err").pass("<5").build());

            EvaluationResult r = evaluate(slo, values("rt", 700, "err", 7));

            assertThat(r.objective("rt").orElseThrow().status()).isEqualTo(ObjectiveStatus.WARNING);
            assertThat(r.score()).isEqualTo(25.0);
            assertThat(r.result()).isEqualTo(Verdict.FAIL);
            assertThat(r.message()).isEqualTo(
                    "Evaluation failed since the calculated score of 25 is below the target value of 40");
        }

        @Test
        void evaluate_oneWarningObjective_fiftyPercentFailsWith90And75() {
            Slo slo = slo(Objective.builder("rt").pass("<=15").warning("<=20").build());

            EvaluationResult r = evaluate(slo, values("rt", 16));

            assertThat(r.score()).isEqualTo(50.0);
            assertThat(r.result()).isEqualTo(Verdict.FAIL);
            assertThat(r.message()).isEqualTo(
                    "Evaluation failed since the calculated score of 50 is below the warning value of 75");
        }

        @Test
        void evaluate_pass_resultAndEvaluationResultAgreeAndStatusSucceeded() {
            EvaluationResult r = evaluate(slo(Objective.builder("rt").pass("<600").build()), values("rt", 1));

            assertThat(r.result()).isEqualTo(Verdict.PASS);
            assertThat(r.evaluationResult()).isEqualTo(Verdict.PASS);
            assertThat(r.status()).isEqualTo(EvaluationStatus.SUCCEEDED);
            assertThat(r.score()).isEqualTo(100.0);
        }

        @Test
        void evaluate_additionalSlis_namedInThePassMessage() {
            EvaluationResult r = evaluate(slo(Objective.builder("rt").pass("<600").build()),
                    values("rt", 1, "cpu", 2, "mem", 3));

            assertThat(r.result()).isEqualTo(Verdict.PASS);
            assertThat(r.message()).contains("additional SLIs").contains("cpu, mem");
        }

        @Test
        void evaluate_singleAdditionalSli_namedInThePassMessage() {
            EvaluationResult r = evaluate(slo(Objective.builder("log").build()), values("cpu", 2));

            assertThat(r.result()).isEqualTo(Verdict.PASS);
            assertThat(r.message()).contains("additional SLIs").contains("cpu");
        }
    }

    // ---------------------------------------------------------------- §3.1 selecting earlier evaluations

    @Nested
    class BaselineSelection {

        private final List<EvaluationResult> history = List.of(
                previous("1", Verdict.PASS, "rt", 100),
                previous("2", Verdict.FAIL, "rt", 900),
                previous("3", Verdict.PASS, "rt", 200),
                previous("4", Verdict.WARNING, "rt", 300),
                previous("5", Verdict.FAIL, "rt", 1000));

        private List<String> ids(List<EvaluationResult> selected) {
            return selected.stream().map(EvaluationResult::id).toList();
        }

        @ParameterizedTest(name = "[{index}] {0} {1} n={2} -> {3}")
        @CsvSource(delimiter = '|', textBlock = """
                SEVERAL_RESULTS | PASS         | 2 | 3,1
                SEVERAL_RESULTS | PASS         | 5 | 3,1
                SEVERAL_RESULTS | PASS_OR_WARN | 2 | 4,3
                SEVERAL_RESULTS | PASS_OR_WARN | 3 | 4,3,1
                SEVERAL_RESULTS | ALL          | 2 | 5,4
                SEVERAL_RESULTS | ALL          | 9 | 5,4,3,2,1
                SINGLE_RESULT   | ALL          | 3 | 5
                SINGLE_RESULT   | PASS         | 3 | 3
                SINGLE_RESULT   | PASS_OR_WARN | 1 | 4
                """)
        void selectBaseline_filterAndCount_newestEligibleFirst(CompareWith compareWith, ResultFilter filter, int n,
                String expectedIds) {
            Comparison c = new Comparison(compareWith, filter, n, AggregateFunction.AVG);

            assertThat(ids(Evaluator.selectBaseline(c, history))).containsExactly(expectedIds.split(","));
        }

        @Test
        void selectBaseline_noHistory_empty() {
            assertThat(Evaluator.selectBaseline(Comparison.DEFAULT, List.of())).isEmpty();
        }

        @Test
        void evaluate_includePass_baselineIsAverageOfNewestPasses() {
            Slo slo = slo(several(2, ResultFilter.PASS, AggregateFunction.AVG),
                    Objective.builder("rt").pass(">=-10%", "<=+10%").build());

            EvaluationResult r = Evaluator.evaluate(slo, values("rt", 160), history);

            assertThat(only(r).comparedValue()).isEqualTo(150.0);
            assertThat(only(r).status()).isEqualTo(ObjectiveStatus.PASS);
            assertThat(r.comparedEvents()).containsExactly("3", "1");
        }

        @Test
        void evaluate_includePassOrWarn_warningEvaluationsAreEligible() {
            Slo slo = slo(several(2, ResultFilter.PASS_OR_WARN, AggregateFunction.AVG),
                    Objective.builder("rt").pass("<600").build());

            EvaluationResult r = Evaluator.evaluate(slo, values("rt", 160), history);

            assertThat(only(r).comparedValue()).isEqualTo(250.0);
            assertThat(r.comparedEvents()).containsExactly("4", "3");
        }

        @Test
        void evaluate_includeAll_failedEvaluationsAreEligible() {
            Slo slo = slo(several(2, ResultFilter.ALL, AggregateFunction.AVG),
                    Objective.builder("rt").pass("<600").build());

            EvaluationResult r = Evaluator.evaluate(slo, values("rt", 160), history);

            assertThat(only(r).comparedValue()).isEqualTo(650.0);
        }

        @Test
        void evaluate_defaultComparison_singleNewestResultOfAnyResult() {
            Slo slo = slo(Objective.builder("rt").pass("<=+10%").build());

            EvaluationResult r = Evaluator.evaluate(slo, values("rt", 1050), history);

            assertThat(only(r).comparedValue()).isEqualTo(1000.0);
            assertThat(only(r).passTargets().get(0).targetValue()).isEqualTo(1100.0);
            assertThat(r.comparedEvents()).containsExactly("5");
        }

        @Test
        void evaluate_eligibleEvaluationWithoutTheSli_usesASlot() {
            Slo slo = slo(several(2, ResultFilter.ALL, AggregateFunction.AVG),
                    Objective.builder("rt").pass("<=+10%").build());

            EvaluationResult r = evaluate(slo, values("rt", 210), previous("a", Verdict.PASS, "rt", 100),
                    previous("b", Verdict.PASS, "rt", 200), previous("c", Verdict.PASS, "tp", 5));

            // newest two are c (no rt) and b (200): baseline 200, not avg(200, 100) = 150
            assertThat(only(r).comparedValue()).isEqualTo(200.0);
            assertThat(only(r).status()).isEqualTo(ObjectiveStatus.PASS);
            assertThat(r.comparedEvents()).containsExactly("c", "b");
        }

        @Test
        void evaluate_singleResultWithoutTheSli_noBaselineRelativeMet() {
            Slo slo = slo(single(ResultFilter.PASS), Objective.builder("rt").pass("<=+10%").build());

            EvaluationResult r = evaluate(slo, values("rt", 5000), previous("a", Verdict.PASS, "rt", 100),
                    previous("b", Verdict.PASS));

            assertThat(only(r).status()).isEqualTo(ObjectiveStatus.PASS);
            assertThat(only(r).comparedValue()).isZero();
            assertThat(only(r).passTargets().get(0).basis()).isEqualTo(TargetBasis.NO_BASELINE);
            assertThat(r.comparedEvents()).containsExactly("b");
        }

        @Test
        void evaluate_failedPreviousValues_areDropped() {
            EvaluationResult withFailedValue = EvaluationResult.builder().id("f").result(Verdict.PASS)
                    .addIndicatorResult(indicator("rt", 999, false)).build();
            Slo slo = slo(several(3, ResultFilter.ALL, AggregateFunction.AVG),
                    Objective.builder("rt").pass("<=+10%").build());

            EvaluationResult r = evaluate(slo, values("rt", 105), previous("a", Verdict.PASS, "rt", 100),
                    withFailedValue);

            assertThat(only(r).comparedValue()).isEqualTo(100.0);
        }

        @Test
        void evaluate_onlyFailedPreviousValues_noBaseline() {
            EvaluationResult withFailedValue = EvaluationResult.builder().id("f").result(Verdict.PASS)
                    .addIndicatorResult(indicator("rt", 999, false)).build();
            Slo slo = slo(Objective.builder("rt").pass("<=+10%").build());

            EvaluationResult r = evaluate(slo, values("rt", 5000), withFailedValue);

            assertThat(only(r).passTargets().get(0).basis()).isEqualTo(TargetBasis.NO_BASELINE);
            assertThat(only(r).status()).isEqualTo(ObjectiveStatus.PASS);
        }

        @Test
        void evaluate_fewerThanNAvailable_usesThoseAvailable() {
            Slo slo = slo(several(5, ResultFilter.ALL, AggregateFunction.AVG),
                    Objective.builder("rt").pass("<=+10%").build());

            EvaluationResult r = evaluate(slo, values("rt", 160), previous("a", Verdict.PASS, "rt", 100),
                    previous("b", Verdict.PASS, "rt", 200));

            assertThat(only(r).comparedValue()).isEqualTo(150.0);
            assertThat(r.comparedEvents()).containsExactly("b", "a");
        }

        @Test
        void evaluate_previousZero_isARealBaseline() {
            Slo slo = slo(Objective.builder("err").pass("<=+10%").build());

            EvaluationResult r = evaluate(slo, values("err", 0.1), previous("a", Verdict.PASS, "err", 0));

            Target t = only(r).passTargets().get(0);
            assertThat(t.basis()).isEqualTo(TargetBasis.BASELINE);
            assertThat(t.targetValue()).isZero();
            assertThat(only(r).status()).isEqualTo(ObjectiveStatus.FAIL);
            assertThat(only(evaluate(slo, values("err", 0), previous("a", Verdict.PASS, "err", 0))).status())
                    .isEqualTo(ObjectiveStatus.PASS);
        }

        @Test
        void evaluate_negativeBaseline_formulaAppliedLiterally() {
            Slo slo = slo(Objective.builder("delta").pass("<=+10%").build());

            IndicatorResult r = only(evaluate(slo, values("delta", -10.5), previous("a", Verdict.PASS, "delta", -10)));

            assertThat(r.passTargets().get(0).targetValue()).isEqualTo(-11.0);
            assertThat(r.status()).isEqualTo(ObjectiveStatus.FAIL);
        }

        @Test
        void evaluate_evaluationsWithoutIds_notListedInComparedEvents() {
            Slo slo = slo(Objective.builder("rt").pass("<600").build());
            EvaluationResult anonymous = EvaluationResult.builder().result(Verdict.PASS)
                    .addIndicatorResult(indicator("rt", 1, true)).build();

            EvaluationResult r = evaluate(slo, values("rt", 1), anonymous);

            assertThat(r.comparedEvents()).isEmpty();
            assertThat(only(r).comparedValue()).isEqualTo(1.0);
        }
    }

    // ---------------------------------------------------------------- §3.4 aggregation

    @Nested
    class Aggregates {

        private EvaluationResult[] zeroToTenShuffled() {
            int[] order = {7, 2, 10, 0, 5, 9, 1, 4, 8, 3, 6};
            EvaluationResult[] h = new EvaluationResult[order.length];
            for (int i = 0; i < order.length; i++) {
                h[i] = previous("e" + i, Verdict.PASS, "rt", order[i]);
            }
            return h;
        }

        private double baseline(AggregateFunction f, EvaluationResult... history) {
            Slo slo = slo(several(history.length, ResultFilter.ALL, f), Objective.builder("rt").pass("<1e9").build());
            return only(evaluate(slo, values("rt", 1), history)).comparedValue();
        }

        @ParameterizedTest(name = "[{index}] {0} of 0..10 = {1}")
        @CsvSource(delimiter = '|', textBlock = """
                AVG    | 5
                P50    | 5
                MEDIAN | 5
                P75    | 8
                P90    | 9.8
                P95    | 10
                P99    | 10
                MIN    | 0
                MAX    | 10
                """)
        void evaluate_zeroToTen_keptnPercentiles(AggregateFunction f, double expected) {
            assertThat(baseline(f, zeroToTenShuffled())).isCloseTo(expected, within(1e-9));
        }

        @ParameterizedTest(name = "[{index}] {0} of 100, 200 = {1}")
        @CsvSource(delimiter = '|', textBlock = """
                AVG    | 150
                P50    | 150
                MEDIAN | 150
                P75    | 200
                P90    | 200
                P95    | 200
                P99    | 200
                MIN    | 100
                MAX    | 200
                """)
        void evaluate_twoValues_midpointOrLarger(AggregateFunction f, double expected) {
            assertThat(baseline(f, previous("a", Verdict.PASS, "rt", 200), previous("b", Verdict.PASS, "rt", 100)))
                    .isCloseTo(expected, within(1e-9));
        }

        @ParameterizedTest(name = "[{index}] {0} of one value")
        @CsvSource({"AVG", "P50", "P75", "P90", "P95", "P99", "MEDIAN", "MIN", "MAX"})
        void evaluate_oneValue_isThatValue(AggregateFunction f) {
            assertThat(baseline(f, previous("a", Verdict.PASS, "rt", 42))).isEqualTo(42.0);
        }

        @Test
        void evaluate_p90_relativeTargetFromPercentile() {
            Slo slo = slo(several(11, ResultFilter.ALL, AggregateFunction.P90),
                    Objective.builder("rt").pass("<=+50%").build());

            IndicatorResult r = only(evaluate(slo, values("rt", 14.7), zeroToTenShuffled()));

            assertThat(r.passTargets().get(0).targetValue()).isCloseTo(14.7, within(1e-9));
            assertThat(r.passTargets().get(0).comparedValue()).isCloseTo(9.8, within(1e-9));
        }
    }

    // ---------------------------------------------------------------- §2.2, §3.3, §3.5, §9 baselines reported

    @Nested
    class ComparedValuesAndMissingBaselines {

        @Test
        void evaluate_purelyAbsoluteObjective_comparedValueIsTheBaseline() {
            Slo slo = slo(Objective.builder("rt").pass("<800").build());

            IndicatorResult r = only(evaluate(slo, values("rt", 200), previous("a", Verdict.PASS, "rt", 180)));

            assertThat(r.comparedValue()).isEqualTo(180.0);
            assertThat(r.passTargets().get(0).basis()).isEqualTo(TargetBasis.ABSOLUTE);
            assertThat(r.passTargets().get(0).comparedValue()).isZero();
        }

        @Test
        void evaluate_relativeTarget_reportsItsBaseline() {
            Slo slo = slo(Objective.builder("rt").pass("<=+75%", "<800").warning("<=1000", "<=+100%").build());

            IndicatorResult r = only(evaluate(slo, values("rt", 200), previous("a", Verdict.PASS, "rt", 200)));

            assertThat(r.comparedValue()).isEqualTo(200.0);
            assertThat(r.passTargets()).extracting(Target::criteria, Target::targetValue, Target::basis,
                            Target::comparedValue)
                    .containsExactly(tuple("<=+75%", 350.0, TargetBasis.BASELINE, 200.0),
                            tuple("<800", 800.0, TargetBasis.ABSOLUTE, 0.0));
            assertThat(r.warningTargets()).extracting(Target::targetValue).containsExactly(1000.0, 400.0);
            assertThat(r.missingBaseline()).isFalse();
        }

        @Test
        void evaluate_noHistory_comparisonSkippedComparedValueZero() {
            Slo slo = slo(Objective.builder("rt").pass("<800").build());

            assertThat(only(evaluate(slo, values("rt", 200))).comparedValue()).isZero();
        }

        @Test
        void evaluate_relativeWithoutBaseline_metWithTargetZeroAndSaysSo() {
            Slo slo = slo(Objective.builder("tp").pass("<=+100%", ">=-80%").build());

            IndicatorResult r = only(evaluate(slo, values("tp", 200)));

            assertThat(r.status()).isEqualTo(ObjectiveStatus.PASS);
            assertThat(r.passTargets()).extracting(Target::targetValue, Target::violated, Target::basis)
                    .containsExactly(tuple(0.0, false, TargetBasis.NO_BASELINE),
                            tuple(0.0, false, TargetBasis.NO_BASELINE));
            assertThat(r.missingBaseline()).isTrue();
            assertThat(r.explanation()).contains("no baseline");
        }

        @Test
        void evaluate_relativeWithoutBaseline_absoluteInSameBlockStillEvaluated() {
            Slo slo = slo(Objective.builder("rt").pass("<=+75%", "<800").build());

            IndicatorResult failing = only(evaluate(slo, values("rt", 900)));
            IndicatorResult passing = only(evaluate(slo, values("rt", 700)));

            assertThat(failing.status()).isEqualTo(ObjectiveStatus.FAIL);
            assertThat(failing.passTargets()).extracting(Target::violated).containsExactly(false, true);
            assertThat(passing.status()).isEqualTo(ObjectiveStatus.PASS);
        }

        @Test
        void evaluate_relativeWithBaseline_explanationShowsTargetAndBaseline() {
            Slo slo = slo(Objective.builder("rt").pass("<=+10%").build());

            IndicatorResult r = only(evaluate(slo, values("rt", 482), previous("a", Verdict.PASS, "rt", 400)));

            assertThat(r.explanation()).contains("target 440 from baseline 400").doesNotContain("no baseline");
        }
    }

    // ---------------------------------------------------------------- §9 duplicate objectives

    @Nested
    class DuplicateObjectives {

        @Test
        void evaluate_twoObjectivesOnOneSli_bothScoredAgainstItsValue() {
            Slo slo = slo(Objective.builder("rt").pass("<600").build(),
                    Objective.builder("rt").displayName("rt strict").pass("<500").build());

            EvaluationResult r = evaluate(slo, values("rt", 400));

            assertThat(r.indicatorResults()).extracting(IndicatorResult::displayName, IndicatorResult::status,
                            IndicatorResult::success, IndicatorResult::value)
                    .containsExactly(tuple("", ObjectiveStatus.PASS, true, 400.0),
                            tuple("rt strict", ObjectiveStatus.PASS, true, 400.0));
            assertThat(r.score()).isEqualTo(100.0);
            assertThat(r.result()).isEqualTo(Verdict.PASS);
        }

        @Test
        void evaluate_twoObjectivesOnOneSli_eachJudgedByItsOwnCriteria() {
            Slo slo = slo(Objective.builder("rt").pass("<600").build(),
                    Objective.builder("rt").pass("<300").build());

            EvaluationResult r = evaluate(slo, values("rt", 400));

            assertThat(r.indicatorResults()).extracting(IndicatorResult::status)
                    .containsExactly(ObjectiveStatus.PASS, ObjectiveStatus.FAIL);
            assertThat(r.score()).isEqualTo(50.0);
        }

        @Test
        void evaluate_duplicateSliInHistory_baselineTakesTheValueOnce() {
            EvaluationResult earlier = EvaluationResult.builder().id("a").result(Verdict.PASS)
                    .addIndicatorResult(indicator("rt", 100, true)).addIndicatorResult(indicator("rt", 100, true))
                    .build();
            Slo slo = slo(several(2, ResultFilter.ALL, AggregateFunction.AVG),
                    Objective.builder("rt").pass("<1000").build());

            IndicatorResult r = only(evaluate(slo, values("rt", 1), previous("z", Verdict.PASS, "rt", 400), earlier));

            assertThat(r.comparedValue()).isEqualTo(250.0);
        }
    }

    // ---------------------------------------------------------------- purity

    @Test
    void evaluate_sameInput_equalOutputAndInputsUnchanged() {
        Slo slo = slo(several(3, ResultFilter.PASS, AggregateFunction.P90),
                Objective.builder("rt").pass("<=+10%", "<600").warning("<=800").weight(2).build(),
                Objective.builder("err").pass("=0").keySli(true).build());
        Map<String, IndicatorValue> values = values("rt", 420, "err", 0);
        List<EvaluationResult> history = new ArrayList<>(List.of(previous("a", Verdict.PASS, "rt", 400, "err", 0),
                previous("b", Verdict.PASS, "rt", 380)));
        List<EvaluationResult> historyCopy = List.copyOf(history);

        EvaluationResult first = Evaluator.evaluate(slo, values, history);
        EvaluationResult second = Evaluator.evaluate(slo, values, history);

        assertThat(second).isEqualTo(first);
        assertThat(history).isEqualTo(historyCopy);
    }
}
