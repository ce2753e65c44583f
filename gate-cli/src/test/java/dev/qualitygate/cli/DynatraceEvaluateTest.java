package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import dev.qualitygate.dynatrace.fake.Bodies;
import dev.qualitygate.dynatrace.fake.FakeDynatrace;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Reply;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code gate evaluate} with the Dynatrace SLI and SLO files of Keptn users (the shared corpus) against the fake
 * Dynatrace: the files load, every SLI sends the requests Keptn's dynatrace-service sent (a query as written, the
 * metric's descriptor, the query again with {@code resolution=Inf}), and the values are scored.
 */
@Timeout(120)
class DynatraceEvaluateTest {
    private static final String TOKEN = "dt0c01.CLIE2ETESTPUBLIC00000000.CLIE2ETESTSECRET00000000000000000000000000000000"
            + "0000000000000000";
    private static final String FROM = "2026-01-01T10:00:00Z";
    private static final String TO = "2026-01-01T10:30:00Z";
    private static final long FROM_MS = 1767261600000L;
    private static final long TO_MS = 1767263400000L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @TempDir
    Path tmp;

    private FakeDynatrace dt;

    @BeforeEach
    void start() throws IOException {
        dt = FakeDynatrace.start(TOKEN)
                .metric("builtin:service.requestCount.total", "Count", true, "value")
                .metric("builtin:service.errors.total.rate", "Percent", true, "avg")
                .metric("builtin:service.errors.total.count", "Count", true, "value")
                .metric("builtin:service.response.time", "MicroSecond", true, "avg")
                .metric("calc:service.teststepresponsetime", "MicroSecond", true, "avg")
                .metric("calc:service.teststepservicecalls", "Count", true, "value");
    }

    @AfterEach
    void stop() {
        dt.close();
    }

    /**
     * One corpus case.
     *
     * @param sli the SLI file, relative to the corpus
     * @param slo the SLO file
     * @param values SLI name to the value the fake answers with {@code resolution=Inf}
     * @param result the expected result
     * @param score the expected score
     * @param exitCode the expected exit code
     */
    record Case(String sli, String slo, Map<String, Double> values, String result, double score, int exitCode) {
        @Override
        public String toString() {
            return sli;
        }
    }

    static Stream<Arguments> corpusCases() {
        Map<String, Double> perftest = new LinkedHashMap<>();
        perftest.put("response_time_p95", 700.0);
        perftest.put("throughput", 15000.0);
        perftest.put("error_rate", 0.4);
        perftest.put("response_time_p50", 210.0);
        perftest.put("response_time_p90", 455.0);
        for (String step : List.of("invoke", "echo", "version", "homepage")) {
            perftest.put("rt_test_" + step, 120.0 + step.length());
            perftest.put("svcalls_test_" + step, 1000.0 + step.length());
        }
        Map<String, Double> qualityGateOnly = new LinkedHashMap<>();
        perftest.forEach((k, v) -> qualityGateOnly.put(k.replace("response_time_p", "rt_svc_p")
                .replace("throughput", "throughput_svc").replace("error_rate", "error_rate_svc"), v));
        qualityGateOnly.put("throughput_svc", 25000.0);
        qualityGateOnly.put("rt_svc_p95", 412.5);
        String examples = "keptn/keptn_examples/";
        return Stream.of(
                Arguments.of(new Case("keptn/keptn-contrib_dynatrace-service/documentation/assets/sli.yaml",
                        "keptn/keptn-contrib_dynatrace-service/documentation/assets/slo.yaml",
                        Map.of("response_time_p95", 412.5, "error_rate", 0.8, "throughput", 5210.0),
                        "pass", 100, 0)),
                // 13 weights: throughput fails (1), response_time_p95 is in the warning band (half of 1)
                Arguments.of(new Case(examples + "simplenodeservice/keptn/dynatrace/sli_perftest.yaml",
                        examples + "simplenodeservice/keptn/slo_perftest.yaml", perftest, "warning", 11.5 / 13 * 100, 3)),
                Arguments.of(new Case(examples + "simplenodeservice/keptn/dynatrace/sli_basic.yaml",
                        examples + "simplenodeservice/keptn/slo_basic.yaml", Map.of("response_time_p95", 412.5,
                                "throughput", 5210.0, "error_rate", 0.4, "response_time_p50", 210.0,
                                "response_time_p90", 455.0), "pass", 100, 0)),
                Arguments.of(new Case(examples + "simplenodeservice/quality-gate-only/dynatrace/sli_perftest.yaml",
                        examples + "simplenodeservice/quality-gate-only/slo_perftest.yaml", qualityGateOnly, "pass",
                        100, 0)),
                Arguments.of(new Case(examples + "onboarding-carts/sli-config-dynatrace.yaml",
                        examples + "onboarding-carts/slo-quality-gates.yaml", Map.of("response_time_p95", 912.0),
                        "fail", 0, 1)),
                Arguments.of(new Case(examples + "onboarding-carts/sli-config-dynatrace-no-deployment-tag.yaml",
                        examples + "onboarding-carts/slo-quality-gates.yaml", Map.of("response_time_p95", 512.0),
                        "pass", 100, 0)));
    }

    /** Also makes a run without the corpus show a skipped test, since a skipped argument source counts as none. */
    @Test
    void corpus_holdsTheDynatraceFiles() {
        Path corpus = GateRun.corpus();
        corpusCases().forEach(a -> {
            Case c = (Case) a.get()[0];
            assertThat(corpus.resolve(c.sli())).isRegularFile();
            assertThat(corpus.resolve(c.slo())).isRegularFile();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusCases")
    void evaluate_keptnDynatraceSliFile_sendsKeptnsRequestsAndScores(Case c) throws IOException {
        Path corpus = GateRun.corpus();
        Path sliFile = corpus.resolve(c.sli());
        Map<String, String> queries = indicators(sliFile);
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : c.values().entrySet()) {
            Map<String, String> params = keptnRequest(Objects.requireNonNull(queries.get(e.getKey()), e.getKey()));
            expected.put(e.getKey(), params);
            script(params, e.getValue());
        }

        GateRun run = gate("evaluate", "--slo", corpus.resolve(c.slo()).toString(), "--sli", sliFile.toString(),
                "--config", gateYaml().toString(), "--from", FROM, "--to", TO, "--project", "sockshop", "--stage",
                "staging", "--service", "carts", "--format", "json").hasNoStackTrace();

        JsonNode result = JSON.readTree(run.out());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(c.exitCode());
        assertThat(result.path("result").asString()).isEqualTo(c.result());
        assertThat(result.path("evaluation").path("score").asDouble()).isCloseTo(c.score(), within(0.01));
        for (Map.Entry<String, Double> e : c.values().entrySet()) {
            JsonNode value = indicator(result, e.getKey());
            assertThat(value.path("success").asBoolean()).as(e.getKey() + ": " + value).isTrue();
            assertThat(value.path("value").asDouble()).as(e.getKey()).isEqualTo(e.getValue());
        }
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            assertThat(requestsFor(e.getValue().get("metricSelector"))).as(e.getKey())
                    .containsExactly(withWindow(e.getValue(), null), Map.of(), withWindow(e.getValue(), "Inf"));
        }
        assertThat(dt.requests()).hasSize(3 * c.values().size())
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Api-Token " + TOKEN));
        assertThat(run.out() + run.err()).doesNotContain(TOKEN);
    }

    @Test
    void evaluate_documentationSliFile_sendsTheQueryKeptnSent() throws IOException {
        Path corpus = GateRun.corpus();
        Path sli = corpus.resolve("keptn/keptn-contrib_dynatrace-service/documentation/assets/sli.yaml");
        String selector = "builtin:service.response.time:splitBy():percentile(95)";
        String entities = "tag(keptn_project:sockshop),tag(keptn_stage:staging),tag(keptn_service:carts),"
                + "tag(keptn_deployment:primary),type(SERVICE)";
        script(Map.of("metricSelector", selector, "entitySelector", entities), 512.25);
        Path slo = Files.writeString(tmp.resolve("slo.yaml"), "spec_version: '1.0'\nobjectives:\n"
                + "  - sli: response_time_p95\n    pass:\n      - criteria: ['<600']\n"
                + "total_score:\n  pass: '90%'\n  warning: '75%'\n");

        GateRun run = gate("evaluate", "--slo", slo.toString(), "--sli", sli.toString(), "--config",
                gateYaml().toString(), "--from", FROM, "--to", TO, "--project", "sockshop", "--stage", "staging",
                "--service", "carts");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("response_time_p95", "512.25");
        assertThat(dt.requests()).extracting(Request::path).containsExactly("/api/v2/metrics/query",
                "/api/v2/metrics/" + selector, "/api/v2/metrics/query");
        assertThat(dt.requests().get(2).params()).containsExactly(Map.entry("entitySelector", entities),
                Map.entry("from", "1767261600000"), Map.entry("metricSelector", selector),
                Map.entry("resolution", "Inf"), Map.entry("to", "1767263400000"));
    }

    @Test
    void evaluate_layeredKeptnSliFilesWithoutEntityType_failsTheSlisWithDynatracesMessage() throws IOException {
        Path dir = GateRun.corpus().resolve("keptn/keptn-contrib_dynatrace-service/internal/keptn/testdata/"
                + "config_client/get_slis");
        Path slo = Files.writeString(tmp.resolve("slo.yaml"), "spec_version: '1.0'\nobjectives:\n"
                + "  - sli: sli_a\n    pass:\n      - criteria: ['<600']\n"
                + "  - sli: sli_f\n    pass:\n      - criteria: ['<600']\n"
                + "total_score:\n  pass: '90%'\n  warning: '75%'\n");

        GateRun run = gate("evaluate", "--slo", slo.toString(), "--sli", dir.resolve("sli_project.yaml").toString(),
                "--sli", dir.resolve("sli_stage.yaml").toString(), "--sli", dir.resolve("sli_service.yaml").toString(),
                "--config", gateYaml().toString(), "--from", FROM, "--to", TO, "--format", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(indicator(result, "sli_a").path("message").asString()).contains("Dynatrace API error (400):"
                + " Constraints violated. [entitySelector: The entity selector must contain a type(...) or"
                + " entityId(...) predicate]", "tag(kept_service:my-service)");
        assertThat(dt.requests()).extracting(r -> r.params().get("metricSelector")).containsExactlyInAnyOrder(
                "builtin:service.response.time:splitBy():percentile(95)",
                "builtin:service.response.time:splitBy():percentile(55)");
    }

    private Path gateYaml() throws IOException {
        Path token = Files.writeString(tmp.resolve("dt-token"), TOKEN + "\n");
        return Files.writeString(tmp.resolve("gate.yaml"), "sources:\n  dynatrace:\n    provider: dynatrace\n"
                + "    url: " + dt.url() + "\n    token: ${file:" + token + "}\n");
    }

    /** Scripts the two metrics answers Keptn's requests get: a 1-minute series, then the single Inf value. */
    private void script(Map<String, String> params, double value) {
        List<Long> timestamps = new ArrayList<>();
        List<@Nullable Double> series = new ArrayList<>();
        for (long t = FROM_MS + 60_000; t <= TO_MS; t += 60_000) {
            timestamps.add(t);
            series.add(value + (t / 60_000 % 7) - 3);
        }
        String selector = params.get("metricSelector");
        dt.onMetricsQuery(r -> r.params().equals(withWindow(params, null)), Reply.json(Bodies.metricData(selector,
                "1m", List.of(Bodies.Series.merged(timestamps, series)))));
        dt.onMetricsQuery(r -> r.params().equals(withWindow(params, "Inf")), Reply.json(Bodies.single(selector,
                TO_MS, value)));
    }

    private static Map<String, String> withWindow(Map<String, String> params, @Nullable String resolution) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("from", Long.toString(FROM_MS));
        all.put("to", Long.toString(TO_MS));
        if (resolution != null) {
            all.put("resolution", resolution);
        }
        return all;
    }

    private List<Map<String, String>> requestsFor(String selector) {
        List<Map<String, String>> sent = new ArrayList<>();
        for (Request r : dt.requests()) {
            if (selector.equals(r.params().get("metricSelector")) || r.path().equals("/api/v2/metrics/" + selector)) {
                sent.add(r.params());
            }
        }
        return sent;
    }

    /**
     * The decoded parameters Keptn's dynatrace-service sent for a query of these files: placeholders replaced as plain
     * substrings, then the query split at {@code &} and each pair at its {@code =}.
     */
    private static Map<String, String> keptnRequest(String query) {
        String filled = query.replace("$PROJECT", "sockshop").replace("$STAGE", "staging")
                .replace("$SERVICE", "carts").replace("$DEPLOYMENT", "primary");
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : filled.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        return params;
    }

    private static Map<String, String> indicators(Path sliFile) throws IOException {
        JsonNode root = YAML.readTree(Files.readString(sliFile, StandardCharsets.UTF_8));
        Map<String, String> map = new LinkedHashMap<>();
        root.path("indicators").properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
    }

    private static JsonNode indicator(JsonNode result, String sli) {
        for (JsonNode ir : result.path("evaluation").path("indicatorResults")) {
            if (ir.path("value").path("metric").asString().equals(sli)) {
                return ir.path("value");
            }
        }
        return fail("no indicator result for " + sli + " in " + result);
    }
}
