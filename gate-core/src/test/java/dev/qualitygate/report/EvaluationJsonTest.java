package dev.qualitygate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.qualitygate.engine.Evaluator;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
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
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The evaluation.finished data shape of keptn-semantics.md §5.1, our round trip, and reading Keptn history. */
class EvaluationJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    /** A result exercising every field: labels, window, time, each target basis, a key failure, compared events. */
    private static EvaluationResult rich() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("buildId", "build-17");
        labels.put("gitCommit", "4f2a9c1");
        labels.put("owner", "équipe ☕");
        return EvaluationResult.builder()
                .id("0b7a3f7e-1e0c-4d6b-9a55-2f0e6c1d9f10")
                .project("sockshop").stage("hardening").service("carts")
                .labels(labels)
                .timeframe(new TimeWindow(Instant.parse("2022-01-26T10:05:53.931Z"),
                        Instant.parse("2022-01-26T10:10:53.931Z")))
                .time(Instant.parse("2022-01-26T10:11:02.123456789Z"))
                .status(EvaluationStatus.SUCCEEDED)
                .result(Verdict.FAIL)
                .evaluationResult(Verdict.WARNING)
                .score(83.33333333333334)
                .message("Evaluation failed due to key_sli objective 'Errors': query did return multiple values")
                .sloFileContent(Base64.getEncoder().encodeToString("spec_version: \"1.0\"\n".getBytes(
                        StandardCharsets.UTF_8)))
                .addIndicatorResult(new IndicatorResult("response_time_p95", "Response time", 482.5, true, "", 400,
                        ObjectiveStatus.WARNING, 1.5, 3, false,
                        List.of(new Target("<= +10 %", 440.00000000000006, true, TargetBasis.BASELINE, 400),
                                new Target("<600", 600, false, TargetBasis.ABSOLUTE, 0)),
                        List.of(new Target("<=800", 800, false, TargetBasis.ABSOLUTE, 0))))
                .addIndicatorResult(new IndicatorResult("throughput", "", 0.1, true, "", 0, ObjectiveStatus.PASS, 2,
                        2, false, List.of(new Target(">=-80%", 0, false, TargetBasis.NO_BASELINE, 0)), List.of()))
                .addIndicatorResult(new IndicatorResult("error_rate", "Errors", 0, false,
                        "query did return multiple values", 0, ObjectiveStatus.FAIL, 0, 1, true,
                        List.of(new Target("=0", 0, true, TargetBasis.ABSOLUTE, 0)), List.of()))
                .addIndicatorResult(new IndicatorResult("log_lines", "", 1.5e20, true, "", 0, ObjectiveStatus.INFO, 0,
                        1, false, List.of(), List.of(new Target("<=+100%", 0, true, TargetBasis.NO_BASELINE, 0))))
                .comparedEvents(List.of("prev-2", "prev-1"))
                .keySliFailure(new KeySliFailure("error_rate", "Errors", "query did return multiple values"))
                .build();
    }

    // ---------------------------------------------------------------- round trip

    @Nested
    class RoundTrip {

        @Test
        void writeThenRead_richResult_equal() {
            EvaluationResult r = rich();

            assertThat(EvaluationJson.read(EvaluationJson.write(r), "r.json")).isEqualTo(r);
            assertThat(EvaluationJson.read(EvaluationJson.writePretty(r), "r.json")).isEqualTo(r);
        }

        @Test
        void writeThenRead_evaluatorOutput_equal() {
            Slo slo = Slo.builder()
                    .objective(Objective.builder("rt").pass("<=+75%", "<800").warning("<=1000", "<=+100%").build())
                    .objective(Objective.builder("tp").pass("<=+100%", ">=-80%").build())
                    .objective(Objective.builder("err").build())
                    .objective(Objective.builder("key").displayName("Key").pass("<1").keySli(true).build())
                    .objective(Objective.builder("lat").pass("<=+10%").warning("<=+50%").weight(4).build())
                    .build();
            EvaluationResult previous = EvaluationResult.builder().id("p1").result(Verdict.PASS)
                    .addIndicatorResult(new IndicatorResult("rt", "", 200, true, "", 0, ObjectiveStatus.PASS, 1, 1,
                            false, List.of(), List.of()))
                    .addIndicatorResult(new IndicatorResult("lat", "", 3, true, "", 0, ObjectiveStatus.PASS, 1, 1,
                            false, List.of(), List.of()))
                    .build();
            EvaluationResult r = Evaluator.evaluate(slo, Map.of("rt", IndicatorValue.of(200), "tp",
                    IndicatorValue.of(200), "err", IndicatorValue.of(0), "lat", IndicatorValue.of(3.7)),
                    List.of(previous));

            assertThat(EvaluationJson.read(EvaluationJson.write(r), "r.json")).isEqualTo(r);
        }

        @Test
        void writeThenRead_erroredResultWithoutIndicators_equal() {
            EvaluationResult r = EvaluationResult.builder().status(EvaluationStatus.ERRORED).result(Verdict.FAIL)
                    .score(0).message("no target score defined").build();

            assertThat(EvaluationJson.read(EvaluationJson.write(r), "r.json")).isEqualTo(r);
        }

        @Test
        void writeArrayThenReadHistory_sameResultsInOrder() {
            EvaluationResult a = rich();
            EvaluationResult b = rich().toBuilder().id("second").result(Verdict.PASS).build();

            assertThat(EvaluationJson.readHistory(EvaluationJson.writeArray(List.of(a, b)), "h.json"))
                    .containsExactly(a, b);
        }
    }

    // ---------------------------------------------------------------- §5.1 Keptn shape

    @Nested
    class KeptnShape {

        @Test
        void write_usesKeptnFieldNames() {
            JsonNode root = tree(EvaluationJson.write(rich()));

            assertThat(root.path("project").asString()).isEqualTo("sockshop");
            assertThat(root.path("stage").asString()).isEqualTo("hardening");
            assertThat(root.path("service").asString()).isEqualTo("carts");
            assertThat(root.path("labels").path("buildId").asString()).isEqualTo("build-17");
            assertThat(root.path("status").asString()).isEqualTo("succeeded");
            assertThat(root.path("result").asString()).isEqualTo("fail");
            assertThat(root.path("message").asString()).startsWith("Evaluation failed due to key_sli objective");
            JsonNode evaluation = root.path("evaluation");
            assertThat(evaluation.path("timeStart").asString()).isEqualTo("2022-01-26T10:05:53.931Z");
            assertThat(evaluation.path("timeEnd").asString()).isEqualTo("2022-01-26T10:10:53.931Z");
            assertThat(evaluation.path("result").asString()).isEqualTo("warning");
            assertThat(evaluation.path("score").asDouble()).isEqualTo(83.33333333333334);
            assertThat(evaluation.path("sloFileContent").asString()).isNotEmpty();
            assertThat(evaluation.path("comparedEvents").isArray()).isTrue();
            assertThat(evaluation.path("comparedEvents").get(0).asString()).isEqualTo("prev-2");

            JsonNode rt = evaluation.path("indicatorResults").get(0);
            assertThat(rt.path("score").asDouble()).isEqualTo(1.5);
            assertThat(rt.path("displayName").asString()).isEqualTo("Response time");
            assertThat(rt.path("keySli").isBoolean()).isTrue();
            assertThat(rt.path("status").asString()).isEqualTo("warning");
            JsonNode value = rt.path("value");
            assertThat(value.path("metric").asString()).isEqualTo("response_time_p95");
            assertThat(value.path("value").asDouble()).isEqualTo(482.5);
            assertThat(value.path("comparedValue").asDouble()).isEqualTo(400);
            assertThat(value.path("success").asBoolean()).isTrue();
            assertThat(value.has("message")).isFalse();
            JsonNode target = rt.path("passTargets").get(0);
            assertThat(target.path("criteria").asString()).isEqualTo("<= +10 %");
            assertThat(target.path("targetValue").asDouble()).isEqualTo(440.00000000000006);
            assertThat(target.path("violated").asBoolean()).isTrue();

            JsonNode failed = evaluation.path("indicatorResults").get(2);
            assertThat(failed.path("value").path("success").asBoolean()).isFalse();
            assertThat(failed.path("value").path("message").asString()).isEqualTo("query did return multiple values");
            assertThat(failed.path("keySli").asBoolean()).isTrue();
        }

        @Test
        void write_integralNumbers_asIntegersLikeGo() {
            JsonNode root = tree(EvaluationJson.write(EvaluationResult.builder().score(100).build()));

            assertThat(root.path("evaluation").path("score").isIntegralNumber()).isTrue();
            assertThat(root.path("evaluation").path("score").asLong()).isEqualTo(100);
        }

        @Test
        void write_targets_nullForEvaluatedObjectiveWithoutCriteriaAndEmptyForInfoAndFailed() {
            JsonNode results = tree(EvaluationJson.write(rich())).path("evaluation").path("indicatorResults");

            // evaluated (throughput, no warning criteria) -> null
            assertThat(results.get(1).path("warningTargets").isNull()).isTrue();
            assertThat(results.get(1).path("passTargets").isArray()).isTrue();
            // failed (error_rate, no warning criteria) -> []
            assertThat(results.get(2).path("warningTargets").isArray()).isTrue();
            assertThat(results.get(2).path("warningTargets")).isEmpty();
            // info (log_lines) -> passTargets []
            assertThat(results.get(3).path("passTargets").isArray()).isTrue();
            assertThat(results.get(3).path("passTargets")).isEmpty();
            assertThat(results.get(3).path("status").asString()).isEqualTo("info");
        }

        @Test
        void write_infoObjectiveFromEvaluator_bothTargetListsEmptyArrays() {
            EvaluationResult r = Evaluator.evaluate(Slo.builder().objective(Objective.builder("err").build()).build(),
                    Map.of("err", IndicatorValue.of(0)), List.of());

            JsonNode info = tree(EvaluationJson.write(r)).path("evaluation").path("indicatorResults").get(0);

            assertThat(info.path("passTargets").isArray()).isTrue();
            assertThat(info.path("passTargets")).isEmpty();
            assertThat(info.path("warningTargets").isArray()).isTrue();
            assertThat(info.path("warningTargets")).isEmpty();
        }

        @Test
        void write_noIndicatorResults_nullListAndOptionalFieldsOmitted() {
            JsonNode root = tree(EvaluationJson.write(EvaluationResult.builder().result(Verdict.FAIL).build()));

            assertThat(root.path("evaluation").path("indicatorResults").isNull()).isTrue();
            assertThat(root.path("evaluation").has("comparedEvents")).isFalse();
            assertThat(root.has("message")).isFalse();
            assertThat(root.has("project")).isFalse();
            assertThat(root.has("labels")).isFalse();
            assertThat(root.has("id")).isFalse();
            assertThat(root.path("evaluation").has("keySliFailure")).isFalse();
        }

        @Test
        void read_keptnEvent_infersBasisAndWeight() {
            String keptn = """
                    {"project":"quality-gates","stage":"hardening","service":"my-service",
                     "status":"succeeded","result":"pass",
                     "evaluation":{"timeStart":"2022-01-26T10:05:53.931Z","timeEnd":"2022-01-26T10:10:53.931Z",
                      "result":"pass","score":100,"sloFileContent":"LS0t",
                      "indicatorResults":[
                       {"score":1,"displayName":"","keySli":false,"status":"pass",
                        "value":{"metric":"response_time_p95","value":200,"comparedValue":200,"success":true},
                        "passTargets":[{"criteria":"<=+75%","targetValue":350,"violated":false},
                                       {"criteria":"<800","targetValue":800,"violated":false}],
                        "warningTargets":[{"criteria":"<=1000","targetValue":1000,"violated":false},
                                          {"criteria":"<=+100%","targetValue":400,"violated":false}]},
                       {"score":1.5,"displayName":"","keySli":false,"status":"warning",
                        "value":{"metric":"throughput","value":200,"comparedValue":0,"success":true},
                        "passTargets":[{"criteria":"<=+100%","targetValue":0,"violated":false}],
                        "warningTargets":null},
                       {"score":0,"displayName":"","keySli":false,"status":"info",
                        "value":{"metric":"error_rate","value":0,"comparedValue":0,"success":true},
                        "passTargets":[],"warningTargets":[]}],
                      "comparedEvents":["ev-1"]}}
                    """;

            EvaluationResult r = EvaluationJson.read(keptn, "keptn.json");

            assertThat(r.project()).isEqualTo("quality-gates");
            assertThat(r.result()).isEqualTo(Verdict.PASS);
            assertThat(r.score()).isEqualTo(100.0);
            assertThat(r.timeframe().duration().toMinutes()).isEqualTo(5);
            assertThat(r.comparedEvents()).containsExactly("ev-1");
            IndicatorResult rt = r.indicatorResults().get(0);
            assertThat(rt.passTargets()).extracting(Target::criteria, Target::basis, Target::comparedValue)
                    .containsExactly(tuple("<=+75%", TargetBasis.BASELINE, 200.0),
                            tuple("<800", TargetBasis.ABSOLUTE, 0.0));
            assertThat(rt.weight()).isEqualTo(1);
            IndicatorResult tp = r.indicatorResults().get(1);
            assertThat(tp.passTargets().get(0).basis()).isEqualTo(TargetBasis.NO_BASELINE);
            assertThat(tp.weight()).isEqualTo(3);
            assertThat(tp.warningTargets()).isEmpty();
            assertThat(r.indicatorResults().get(2).status()).isEqualTo(ObjectiveStatus.INFO);
            assertThat(r.valueOf("response_time_p95")).contains(200.0);
        }

        @Test
        void read_smallestAcceptedEntry_oneSuccessfulValue() {
            EvaluationResult r = EvaluationJson.read("{\"result\":\"pass\",\"evaluation\":{\"result\":\"pass\","
                    + "\"indicatorResults\":[{\"value\":{\"metric\":\"rt\",\"value\":200.0,\"success\":true}}]}}",
                    "min.json");

            assertThat(r.result()).isEqualTo(Verdict.PASS);
            assertThat(r.evaluationResult()).isEqualTo(Verdict.PASS);
            assertThat(r.status()).isEqualTo(EvaluationStatus.SUCCEEDED);
            assertThat(r.id()).isEmpty();
            assertThat(r.indicatorResults()).singleElement().satisfies(ir -> {
                assertThat(ir.sli()).isEqualTo("rt");
                assertThat(ir.value()).isEqualTo(200.0);
                assertThat(ir.success()).isTrue();
                assertThat(ir.passTargets()).isEmpty();
            });
            assertThat(r.valueOf("rt")).contains(200.0);
        }

        @Test
        void read_resultOnlyInEvaluation_usedForBoth() {
            EvaluationResult r = EvaluationJson.read("{\"evaluation\":{\"result\":\"warning\"}}", "e.json");

            assertThat(r.result()).isEqualTo(Verdict.WARNING);
            assertThat(r.evaluationResult()).isEqualTo(Verdict.WARNING);
        }

        @Test
        void read_dataResultAndEvaluationResultDiffer_bothKept() {
            EvaluationResult r = EvaluationJson.read(
                    "{\"result\":\"fail\",\"evaluation\":{\"result\":\"pass\",\"score\":100}}", "e.json");

            assertThat(r.result()).isEqualTo(Verdict.FAIL);
            assertThat(r.evaluationResult()).isEqualTo(Verdict.PASS);
        }

        @Test
        void read_specSpellingFailed_readAsFail() {
            assertThat(EvaluationJson.read("{\"result\":\"failed\"}", "e.json").result()).isEqualTo(Verdict.FAIL);
        }

        @Test
        void read_cloudEvent_idAndTimeFromEnvelope() {
            EvaluationResult r = EvaluationJson.read("""
                    {"type":"sh.keptn.event.evaluation.finished","id":"ev-9","time":"2022-01-26T10:11:02.000Z",
                     "source":"lighthouse-service","triggeredid":"tr-9",
                     "data":{"result":"pass","evaluation":{"result":"pass","score":100}}}
                    """, "e.json");

            assertThat(r.id()).isEqualTo("ev-9");
            assertThat(r.time()).isEqualTo(Instant.parse("2022-01-26T10:11:02Z"));
        }

        @Test
        void read_noResult_refusedWithPath() {
            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> EvaluationJson.read("{\"evaluation\":{\"score\":1}}", "e.json"));

            assertThat(e.problems()).extracting(Problem::path).containsExactly("result");
        }

        @Test
        void read_unknownBasis_inferredFromTheCriterion() {
            EvaluationResult r = EvaluationJson.read("{\"result\":\"pass\",\"evaluation\":{\"indicatorResults\":["
                    + "{\"value\":{\"metric\":\"rt\",\"value\":1,\"success\":true},\"status\":\"pass\","
                    + "\"passTargets\":[{\"criteria\":\"<5\",\"targetValue\":5,\"basis\":\"sideways\"}]}]}}", "e.json");

            assertThat(r.indicatorResults().get(0).passTargets()).extracting(Target::basis)
                    .containsExactly(TargetBasis.ABSOLUTE);
        }

        @Test
        void read_indicatorWithoutMetric_refusedWithPath() {
            GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> EvaluationJson.read(
                    "{\"result\":\"pass\",\"evaluation\":{\"indicatorResults\":[{\"value\":{\"value\":1}}]}}",
                    "e.json"));

            assertThat(e.problems()).extracting(Problem::path)
                    .containsExactly("evaluation.indicatorResults[0].value.metric");
        }

        @Test
        void read_invalidJson_refusedWithLocation() {
            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> EvaluationJson.read("{\"result\": \"pass\",\n  oops}", "e.json"));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.message()).startsWith("not valid JSON");
            });
        }
    }

    // ---------------------------------------------------------------- readHistory

    @Nested
    class History {

        private static final String PASS_200 = "{\"result\":\"pass\",\"evaluation\":{\"result\":\"pass\","
                + "\"indicatorResults\":[{\"value\":{\"metric\":\"rt\",\"value\":200,\"success\":true}}]}}";
        private static final String FAIL_900 = "{\"result\":\"fail\",\"evaluation\":{\"result\":\"fail\","
                + "\"indicatorResults\":[{\"value\":{\"metric\":\"rt\",\"value\":900,\"success\":true}}]}}";

        private static String event(String type, String id, String time, String triggeredId, String data) {
            return "{\"specversion\":\"1.0\",\"type\":\"" + type + "\",\"id\":\"" + id + "\","
                    + (time == null ? "" : "\"time\":\"" + time + "\",")
                    + "\"source\":\"lighthouse-service\",\"shkeptncontext\":\"ctx\",\"triggeredid\":\"" + triggeredId
                    + "\",\"data\":" + data + "}";
        }

        @Test
        void readHistory_arrayOfDataObjects_keptInOrderWithPositionalIds() {
            List<EvaluationResult> h = EvaluationJson.readHistory("[" + PASS_200 + "," + FAIL_900 + "]", "h.json");

            assertThat(h).extracting(EvaluationResult::id, EvaluationResult::result)
                    .containsExactly(tuple("#1", Verdict.PASS), tuple("#2", Verdict.FAIL));
            assertThat(h.get(1).valueOf("rt")).contains(900.0);
        }

        @Test
        void readHistory_arrayOfCloudEvents_otherTypesIgnoredIdsFromEnvelope() {
            String json = "[" + event(EvaluationJson.FINISHED_TYPE, "e1", "2022-01-01T10:00:00Z", "t1", PASS_200)
                    + "," + event("sh.keptn.event.evaluation.triggered", "x1", "2022-01-01T10:30:00Z", "t2",
                            "{\"evaluation\":{\"timeframe\":\"5m\"}}")
                    + "," + event(EvaluationJson.FINISHED_TYPE, "e2", "2022-01-01T11:00:00Z", "t2", FAIL_900) + "]";

            List<EvaluationResult> h = EvaluationJson.readHistory(json, "h.json");

            assertThat(h).extracting(EvaluationResult::id, EvaluationResult::result)
                    .containsExactly(tuple("e1", Verdict.PASS), tuple("e2", Verdict.FAIL));
            assertThat(h.get(0).time()).isEqualTo(Instant.parse("2022-01-01T10:00:00Z"));
        }

        @Test
        void readHistory_datastorePage_newestFirstBecomesOldestFirstAndInvalidatedDropped() {
            String page = "{\"events\":["
                    + event(EvaluationJson.FINISHED_TYPE, "e3", "2022-01-03T10:00:00.000Z", "t3", PASS_200) + ","
                    + event(EvaluationJson.INVALIDATED_TYPE, "i2", "2022-01-02T12:00:00.000Z", "t2", "{}") + ","
                    + event(EvaluationJson.FINISHED_TYPE, "e2", "2022-01-02T10:00:00.000Z", "t2", FAIL_900) + ","
                    + event(EvaluationJson.FINISHED_TYPE, "e1", "2022-01-01T10:00:00.000Z", "t1", FAIL_900)
                    + "],\"nextPageKey\":\"0\",\"pageSize\":4,\"totalCount\":4}";

            List<EvaluationResult> h = EvaluationJson.readHistory(page, "page.json");

            assertThat(h).extracting(EvaluationResult::id).containsExactly("e1", "e3");
            assertThat(h).extracting(EvaluationResult::result).containsExactly(Verdict.FAIL, Verdict.PASS);
        }

        @Test
        void readHistory_datastorePageWithoutTimes_pageOrderReversed() {
            String page = "{\"events\":[" + event(EvaluationJson.FINISHED_TYPE, "new", null, "t2", PASS_200) + ","
                    + event(EvaluationJson.FINISHED_TYPE, "old", null, "t1", FAIL_900) + "]}";

            assertThat(EvaluationJson.readHistory(page, "page.json")).extracting(EvaluationResult::id)
                    .containsExactly("old", "new");
        }

        @Test
        void readHistory_invalidatedEvaluation_notUsedAsBaseline() {
            String page = "{\"events\":["
                    + event(EvaluationJson.INVALIDATED_TYPE, "i2", "2022-01-02T12:00:00Z", "t2", "{}") + ","
                    + event(EvaluationJson.FINISHED_TYPE, "e2", "2022-01-02T10:00:00Z", "t2", PASS_200) + ","
                    + event(EvaluationJson.FINISHED_TYPE, "e1", "2022-01-01T10:00:00Z", "t1",
                            PASS_200.replace("200", "100"))
                    + "]}";
            List<EvaluationResult> history = EvaluationJson.readHistory(page, "page.json");
            Slo slo = Slo.builder().objective(Objective.builder("rt").pass("<=+10%").build()).build();

            EvaluationResult r = Evaluator.evaluate(slo, Map.of("rt", IndicatorValue.of(105)), history);

            assertThat(r.comparedEvents()).containsExactly("e1");
            assertThat(r.indicatorResults().get(0).comparedValue()).isEqualTo(100.0);
        }

        @Test
        void readHistory_singleObject_oneEntryNumbered() {
            assertThat(EvaluationJson.readHistory(PASS_200, "h.json")).extracting(EvaluationResult::id)
                    .containsExactly("#1");
        }

        @Test
        void readHistory_emptyArray_empty() {
            assertThat(EvaluationJson.readHistory("[]", "h.json")).isEmpty();
        }

        @Test
        void readHistory_badEntries_allReportedWithTheirPaths() {
            GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> EvaluationJson.readHistory(
                    "[" + PASS_200 + ", {\"evaluation\":{}}, 7]", "h.json"));

            assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder("[1].result", "[2]");
        }

        @Test
        void readHistory_notJsonStructure_refused() {
            assertThat(catchThrowableOfType(GateConfigException.class,
                    () -> EvaluationJson.readHistory("\"text\"", "h.json")).problems()).isNotEmpty();
        }
    }

    @Test
    void instant_keptnTimestampForms_parsed() {
        assertThat(EvaluationJson.instant("2022-01-26T10:05:53.931Z")).isEqualTo(Instant.parse("2022-01-26T10:05:53.931Z"));
        assertThat(EvaluationJson.instant("2022-01-26T10:05:53+01:00")).isEqualTo(Instant.parse("2022-01-26T09:05:53Z"));
        assertThat(EvaluationJson.instant("2022-01-26T10:05:53")).isEqualTo(Instant.parse("2022-01-26T10:05:53Z"));
        assertThat(EvaluationJson.instant("")).isNull();
        assertThat(EvaluationJson.instant("yesterday")).isNull();
    }
}
