package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class EvaluateCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static final String SLO = String.join("\n",
            "spec_version: \"1.0\"",
            "comparison:",
            "  compare_with: single_result",
            "  include_result_with_score: pass",
            "  number_of_comparison_results: 1",
            "  aggregate_function: avg",
            "objectives:",
            "  - sli: response_time_p95",
            "    pass:",
            "      - criteria: [\"<=+10%\", \"<600\"]",
            "    warning:",
            "      - criteria: [\"<=800\"]",
            "  - sli: error_rate",
            "    pass:",
            "      - criteria: [\"<=1\"]",
            "total_score:",
            "  pass: \"90%\"",
            "  warning: \"75%\"",
            "");

    @TempDir
    Path tmp;

    // ---- the shared conformance cases -----------------------------------------------------------------------

    static Stream<Path> conformanceCases() throws IOException {
        Path dir = GateRun.corpus().resolve("conformance");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** Also makes a run without the corpus show a skipped test, since a skipped argument source counts as none. */
    @Test
    void conformanceCorpus_holdsTheSampleCases() throws IOException {
        assertThat(conformanceCases()).hasSizeGreaterThanOrEqualTo(11);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformanceCases")
    void evaluate_conformanceCase_matchesExpectedResult(Path caseFile) throws IOException {
        JsonNode c = YAML.readTree(Files.readString(caseFile, StandardCharsets.UTF_8));
        Path slo = Files.writeString(tmp.resolve("slo.yaml"), c.path("slo").asString());
        Path values = Files.writeString(tmp.resolve("values.yaml"), valuesYaml(c.path("current")));
        Path history = Files.writeString(tmp.resolve("history.json"), historyJson(c.path("history")));

        GateRun run = gate("evaluate", "--slo", slo.toString(), "--values", values.toString(),
                "--history", history.toString(), "--format", "json").hasNoStackTrace();

        if (c.path("ours").path("error").asBoolean(false)) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.errLines()).isNotEmpty().allMatch(l -> l.startsWith(slo + ":"));
            return;
        }
        JsonNode expect = c.path("expect");
        String expectedResult = expect.path("result").asString();
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(exitCodeOf(expectedResult));
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("result").asString()).isEqualTo(expectedResult);
        assertThat(result.path("evaluation").path("score").asDouble())
                .isCloseTo(expect.path("score").asDouble(), within(0.01));
        for (Map.Entry<String, JsonNode> objective : expect.path("objectives").properties()) {
            assertThat(statusOf(result, objective.getKey())).as("status of %s", objective.getKey())
                    .isEqualTo(objective.getValue().asString());
        }
    }

    /** Current values as YAML: numbers as measured, failed SLIs as a string giving the reason. */
    private static String valuesYaml(JsonNode current) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : current.path("values").properties()) {
            sb.append(JSON.writeValueAsString(e.getKey())).append(": ").append(e.getValue().asDouble()).append('\n');
        }
        for (JsonNode failed : current.path("failed")) {
            sb.append(JSON.writeValueAsString(failed.asString())).append(": \"the metric source failed\"\n");
        }
        return sb.length() == 0 ? "{}\n" : sb.toString();
    }

    /** The history as the smallest accepted evaluation.finished data objects, oldest first. */
    private static String historyJson(JsonNode history) {
        ArrayNode array = JSON.createArrayNode();
        for (JsonNode h : history) {
            String result = h.path("result").asString();
            ObjectNode entry = array.addObject();
            entry.put("result", result);
            ObjectNode evaluation = entry.putObject("evaluation");
            evaluation.put("result", result);
            ArrayNode indicators = evaluation.putArray("indicatorResults");
            for (Map.Entry<String, JsonNode> v : h.path("values").properties()) {
                ObjectNode value = indicators.addObject().putObject("value");
                value.put("metric", v.getKey());
                value.put("value", v.getValue().asDouble());
                value.put("success", true);
            }
        }
        return JSON.writeValueAsString(array);
    }

    private static String statusOf(JsonNode result, String sli) {
        for (JsonNode ir : result.path("evaluation").path("indicatorResults")) {
            if (ir.path("value").path("metric").asString().equals(sli)) {
                return ir.path("status").asString();
            }
        }
        return "(no objective on " + sli + ")";
    }

    private static int exitCodeOf(String result) {
        switch (result) {
            case "pass":
                return 0;
            case "fail":
                return 1;
            default:
                return 3;
        }
    }

    // ---- exit codes and output -----------------------------------------------------------------------------

    @Test
    void evaluate_passingValues_exitsZeroWithTextReport() throws IOException {
        GateRun run = evaluate("response_time_p95: 410\nerror_rate: 0.5\n");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).containsExactly(
                "PASS     response_time_p95 = 410 → pass, score 1 of 1: pass <=+10% met (no baseline yet: no earlier"
                        + " evaluation had a value, so it counts as met), <600 met; warning <=800 met",
                "PASS     error_rate = 0.5 → pass, score 1 of 1: pass <=1 met",
                "RESULT   PASS, score 100",
                "         no earlier evaluation was compared");
    }

    @Test
    void evaluate_failingValues_exitsOne() throws IOException {
        GateRun run = evaluate("response_time_p95: 900\nerror_rate: 0.5\n");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).contains(
                "FAIL     response_time_p95 = 900 → fail, score 0 of 1: pass <=+10% met (no baseline yet: no earlier"
                        + " evaluation had a value, so it counts as met), <600 violated; warning <=800 violated",
                "RESULT   FAIL, score 50",
                "         Evaluation failed since the calculated score of 50 is below the warning value of 75");
    }

    @Test
    void evaluate_warningValues_exitsThree() throws IOException {
        GateRun run = evaluate("response_time_p95: 700\nerror_rate: 0.5\n");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.outLines()).anyMatch(l -> l.startsWith("WARNING  response_time_p95 = 700 → warning"))
                .contains("RESULT   WARNING, score 75");
    }

    @Test
    void evaluate_failedSliGivenAsString_reportsTheReason() throws IOException {
        GateRun run = evaluate("response_time_p95: 410\nerror_rate: \"Prometheus answered 503\"\n");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).contains(
                "FAIL     error_rate: no value (Prometheus answered 503) → fail, score 0 of 1");
    }

    @Test
    void evaluate_jsonFormatWithLabels_printsEvaluationFinishedData() throws IOException {
        Path slo = Files.writeString(tmp.resolve("slo.yaml"), SLO);
        Path values = Files.writeString(tmp.resolve("values.json"), "{\"response_time_p95\": 410, \"error_rate\": 0}");

        GateRun run = gate("evaluate", "--slo", slo.toString(), "--values", values.toString(), "--format", "JSON",
                "--project", "shop", "--stage", "staging", "--service", "carts", "--label", "buildId=42");

        assertThat(run.exitCode()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("project").asString()).isEqualTo("shop");
        assertThat(result.path("service").asString()).isEqualTo("carts");
        assertThat(result.path("labels").path("buildId").asString()).isEqualTo("42");
        assertThat(result.path("status").asString()).isEqualTo("succeeded");
        assertThat(result.path("evaluation").path("indicatorResults")).hasSize(2);
        assertThat(result.path("evaluation").path("sloFileContent").asString()).isNotEmpty();
    }

    @Test
    void evaluate_junitFormat_printsOneTestCasePerObjectiveWithTheFailureExplained() throws Exception {
        GateRun run = evaluate("response_time_p95: 410\nerror_rate: 3\n", "--format", "junit", "--project", "shop",
                "--stage", "staging", "--service", "carts");

        assertThat(run.exitCode()).isEqualTo(1);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(run.out())));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element errorRate = (Element) cases.item(1);
        assertThat(errorRate.getAttribute("name")).isEqualTo("error_rate");
        assertThat(errorRate.getAttribute("classname")).isEqualTo("qualitygate.shop.staging.carts");
        assertThat(((Element) errorRate.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("error_rate = 3 → fail, score 0 of 1: pass <=1 violated");
        assertThat(((Element) cases.item(2)).getAttribute("name")).isEqualTo("total score");
        assertThat(((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("failures"))
                .isEqualTo("2");
    }

    // ---- history -------------------------------------------------------------------------------------------

    @Test
    void evaluate_historyAsDatastorePage_comparesWithItsEvaluation() throws IOException {
        Path history = Files.writeString(tmp.resolve("history.json"), String.join("\n",
                "{\"events\": [",
                "  {\"type\": \"sh.keptn.event.evaluation.finished\", \"id\": \"build-41\",",
                "   \"time\": \"2024-05-02T10:00:00.000Z\",",
                "   \"data\": {\"result\": \"pass\", \"evaluation\": {\"result\": \"pass\", \"indicatorResults\": [",
                "     {\"value\": {\"metric\": \"response_time_p95\", \"value\": 400.0, \"success\": true}}]}}}",
                "], \"totalCount\": 1}"));

        GateRun run = evaluate("response_time_p95: 450\nerror_rate: 0.5\n", "--history", history.toString(),
                "--format", "json");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("evaluation").path("comparedEvents").get(0).asString()).isEqualTo("build-41");
        JsonNode relative = result.path("evaluation").path("indicatorResults").get(0).path("passTargets").get(0);
        assertThat(relative.path("criteria").asString()).isEqualTo("<=+10%");
        assertThat(relative.path("targetValue").asDouble()).isCloseTo(440.0, within(1e-9));
        assertThat(relative.path("violated").asBoolean()).isTrue();
    }

    @Test
    void evaluate_historyNotJson_isLocatedError() throws IOException {
        Path history = Files.writeString(tmp.resolve("history.json"), "[{\"result\": \"pass\",]");

        GateRun run = evaluate("response_time_p95: 410\nerror_rate: 0.5\n", "--history", history.toString())
                .hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().matches("\\Q" + history + "\\E:1:\\d+: not valid JSON: .*");
    }

    /** Needs a working file store ({@code EvaluationStore.files}). */
    @Test
    void evaluate_withStore_appendsAndComparesTheNextEvaluationWithIt() throws IOException {
        Path store = tmp.resolve("history");
        String[] where = {"--store", store.toString(), "--project", "shop", "--stage", "staging", "--service",
            "carts", "--format", "json"};

        GateRun first = evaluate("response_time_p95: 412\nerror_rate: 0.5\n", where);
        GateRun second = evaluate("response_time_p95: 468\nerror_rate: 0.5\n", where);

        assertThat(first.err()).isEmpty();
        assertThat(first.exitCode()).isZero();
        String firstId = JSON.readTree(first.out()).path("id").asString();
        assertThat(firstId).isNotEmpty();
        assertThat(second.err()).isEmpty();
        assertThat(second.exitCode()).isEqualTo(3);
        JsonNode result = JSON.readTree(second.out());
        assertThat(result.path("evaluation").path("comparedEvents").get(0).asString()).isEqualTo(firstId);
        JsonNode rt = result.path("evaluation").path("indicatorResults").get(0);
        assertThat(rt.path("value").path("comparedValue").asDouble()).isEqualTo(412.0);
        assertThat(rt.path("passTargets").get(0).path("targetValue").asDouble()).isCloseTo(453.2, within(1e-9));
        assertThat(rt.path("status").asString()).isEqualTo("warning");
    }

    // ---- invalid input and usage ---------------------------------------------------------------------------

    @Test
    void evaluate_valuesWithAList_isLocatedErrorExitTwo() throws IOException {
        GateRun run = evaluate("response_time_p95: [410, 420]\nerror_rate: 0.5\n").hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString()
                .startsWith(tmp.resolve("values.yaml") + ":1:20: response_time_p95: must be a number");
    }

    @Test
    void evaluate_invalidSloAndValues_listsEveryProblemAtOnce() throws IOException {
        Path slo = Files.writeString(tmp.resolve("slo.yaml"), SLO.replace("\"<=1\"", "\"<=one\""));
        Path values = Files.writeString(tmp.resolve("values.yaml"), "response_time_p95: {p95: 410}\n");

        GateRun run = gate("evaluate", "--slo", slo.toString(), "--values", values.toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(2)
                .anyMatch(l -> l.startsWith(slo + ":15:20: objectives[1].pass[0].criteria[0]: "))
                .anyMatch(l -> l.startsWith(values + ":1:20: response_time_p95: must be a number"));
    }

    @Test
    void evaluate_missingSlo_isUsageErrorWithHint() throws IOException {
        Path values = Files.writeString(tmp.resolve("values.yaml"), "response_time_p95: 410\n");

        GateRun run = gate("evaluate", "--values", values.toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("Missing required option: '--slo=FILE'",
                "Try 'gate evaluate --help' for more information.");
    }

    @Test
    void evaluate_sloFileMissing_saysSoInOneLine() throws IOException {
        Path values = Files.writeString(tmp.resolve("values.yaml"), "response_time_p95: 410\n");
        Path slo = tmp.resolve("nowhere/slo.yaml");

        GateRun run = gate("evaluate", "--slo", slo.toString(), "--values", values.toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(slo + ": cannot read the file: no such file");
    }

    @Test
    void evaluate_storeWithoutProjectStageService_isUsageError() throws IOException {
        GateRun run = evaluate("response_time_p95: 410\nerror_rate: 0.5\n", "--store", tmp.resolve("h").toString(),
                "--stage", "staging").hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "--store needs --project, --service: the store keeps one history per project, stage and service",
                "Try 'gate evaluate --help' for more information.");
    }

    @Test
    void evaluate_storeWithHistory_isUsageError() throws IOException {
        Path history = Files.writeString(tmp.resolve("history.json"), "[]");

        GateRun run = evaluate("response_time_p95: 410\nerror_rate: 0.5\n", "--store", tmp.resolve("h").toString(),
                "--project", "p", "--stage", "s", "--service", "x", "--history", history.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--history and --store exclude each other");
        assertThat(Files.exists(tmp.resolve("h"))).isFalse();
    }

    @Test
    void evaluate_unknownFormat_isUsageError() throws IOException {
        GateRun run = evaluate("response_time_p95: 410\n", "--format", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected json, text or junit, was 'xml'")
                .contains("Try 'gate evaluate --help'");
    }

    @Test
    void evaluate_unknownOption_isUsageErrorWithHint() throws IOException {
        GateRun run = evaluate("response_time_p95: 410\n", "--histroy=h.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--histroy=h.json'").contains("--history")
                .contains("Try 'gate evaluate --help'");
    }

    @Test
    void evaluate_debug_addsTheStackTrace() throws IOException {
        GateRun quiet = evaluate("response_time_p95: [1]\n");
        GateRun debug = evaluate("response_time_p95: [1]\n", "--debug");
        GateRun debugFirst = gate("--debug", "evaluate", "--slo", tmp.resolve("slo.yaml").toString(), "--values",
                tmp.resolve("values.yaml").toString());

        assertThat(quiet.err()).doesNotContain("at dev.qualitygate");
        assertThat(debug.exitCode()).isEqualTo(2);
        assertThat(debug.err()).contains("GateConfigException").contains("at dev.qualitygate");
        assertThat(debugFirst.err()).contains("at dev.qualitygate");
    }

    /** Runs {@code gate evaluate} on {@link #SLO} and the given values, plus extra arguments. */
    private GateRun evaluate(String valuesYaml, String... extra) throws IOException {
        Path slo = Files.writeString(tmp.resolve("slo.yaml"), SLO);
        Path values = Files.writeString(tmp.resolve("values.yaml"), valuesYaml);
        List<String> args = new ArrayList<>(List.of("evaluate", "--slo", slo.toString(), "--values",
                values.toString()));
        args.addAll(List.of(extra));
        return gate(args.toArray(String[]::new));
    }
}
