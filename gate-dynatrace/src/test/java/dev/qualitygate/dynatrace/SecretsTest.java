package dev.qualitygate.dynatrace;

import static dev.qualitygate.dynatrace.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.qualitygate.Gate;
import dev.qualitygate.dynatrace.fake.Bodies;
import dev.qualitygate.dynatrace.fake.FakeDynatrace;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Reply;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.SliConfig;
import dev.qualitygate.report.EvaluationJson;
import dev.qualitygate.report.TextReport;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.SecretResolver;
import dev.qualitygate.yaml.GateYaml;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The token never shows: not in results or their reports, not in exception messages, not in {@code toString}, not in
 * the log, even when Dynatrace (or something in front of it) echoes it back and at TRACE level.
 */
class SecretsTest {
    private static final String ENCODED = URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);
    private static final String SELECTOR = "builtin:service.response.time:merge(0):percentile(95)";

    @Test
    void token_neverShowsInResultsMessagesToStringOrLog() throws IOException {
        List<String> texts = new ArrayList<>();
        try (FakeDynatrace dt = FakeDynatrace.start(TOKEN)) {
            dt.metric("builtin:service.response.time", "MicroSecond", true, "avg")
                    .onMetricsQuery(SELECTOR + ":a", "Inf", new Reply(400, Bodies.constraintsViolated("QUERY",
                            "metricSelector", "unknown token " + TOKEN), Map.of()))
                    .onMetricsQuery(SELECTOR + ":b", "Inf", new Reply(302, "", Map.of("Location",
                            "https://elsewhere.example/?api-token=" + TOKEN)))
                    .onMetricsQuery(SELECTOR + ":c", "Inf", new Reply(500, "proxy saw Api-Token " + TOKEN, Map.of()))
                    .onMetricsQuery(SELECTOR + ":d", "Inf", Reply.json(Bodies.resource("metrics-query-no-match.json")
                            .replace("\"data\": []", "\"warnings\": [\"token " + TOKEN + "\"], \"data\": []")))
                    .onMetricsQuery(SELECTOR + ":e", "Inf", Reply.json("not json " + TOKEN))
                    .onMetricsQuery(SELECTOR + ":f", "Inf", Reply.json(Bodies.single(SELECTOR, 1L, 100.0)))
                    .slo("bad-slo", "{\"name\":\"" + TOKEN + "\",\"error\":\"" + TOKEN + "\"}");
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("secret_sli_echoed_in_error", "metricSelector=" + SELECTOR + ":a&resolution=Inf");
            queries.put("secret_sli_redirect", "metricSelector=" + SELECTOR + ":b&resolution=Inf");
            queries.put("secret_sli_server_error", "metricSelector=" + SELECTOR + ":c&resolution=Inf");
            queries.put("secret_sli_warning", "metricSelector=" + SELECTOR + ":d&resolution=Inf");
            queries.put("secret_sli_not_json", "metricSelector=" + SELECTOR + ":e&resolution=Inf");
            queries.put("secret_sli_env", "metricSelector=" + SELECTOR + ":f&entitySelector=type(SERVICE),"
                    + "tag($ENV.DT_API_TOKEN)&resolution=Inf");
            queries.put("secret_sli_slo", "SLO;bad-slo");
            queries.put("secret_sli_parse", "MV2;" + TOKEN + ";metricSelector=x");
            StringBuilder slo = new StringBuilder("spec_version: '1.0'\nobjectives:\n");
            queries.keySet().forEach(sli -> slo.append("  - sli: ").append(sli).append("\n"));
            ProviderConfig config = ProviderConfig.of("test", Map.of("url", dt.url(), "token", "${env:DT_API_TOKEN}",
                    "retries", 1), SecretResolver.of(Map.of("DT_API_TOKEN", TOKEN)));
            try (var source = new DynatraceMetricSourceProvider().create(config, new ProviderContext(Clock.fixed(
                    Fixtures.END.plusSeconds(3600), ZoneOffset.UTC)));
                    Gate gate = Gate.builder()
                            .slo(GateYaml.readSlo(slo.toString().getBytes(StandardCharsets.UTF_8), "slo.yaml"))
                            .sli(new SliConfig("1.0", queries, null), "dynatrace")
                            .source("dynatrace", source)
                            .build()) {
                EvaluationResult result = gate.evaluate(Fixtures.CONTEXT, Fixtures.WINDOW);
                texts.add(EvaluationJson.write(result));
                texts.add(TextReport.render(result));
                texts.add(result.toString());
                texts.add(source.toString());
                texts.add(config.toString());
                assertThat(result.indicatorResults()).hasSize(8);
                assertThat(dt.requests()).anySatisfy(r -> assertThat(r.params().get("entitySelector"))
                        .isEqualTo("type(SERVICE),tag(" + TOKEN + ")"));
                IndicatorValue ok = source.fetch(Fixtures.query("secret_sli_env", queries.get("secret_sli_env")));
                assertThat(ok).isEqualTo(IndicatorValue.of(100.0));
            }
            Throwable invalid = catchThrowable(() -> new DynatraceMetricSourceProvider().create(ProviderConfig.of(
                    "test", Map.of("url", "ftp://" + TOKEN, "token", TOKEN, "retries", -1)), ProviderContext.defaults()));
            assertThat(invalid).isNotNull();
            texts.add(String.valueOf(invalid));
            texts.add(DynatraceConfig.of(dt.url(), dev.qualitygate.spi.Secret.of(TOKEN)).toString());
        }
        String log = Files.readString(logFile());
        texts.add(log);

        assertThat(log).as("the test log captured the plugin's TRACE output").contains("secret_sli_echoed_in_error",
                "TRACE dev.qualitygate.dynatrace.internal.DynatraceHttp - Body of GET");
        assertThat(String.join("\n", texts)).contains("****").doesNotContain(TOKEN).doesNotContain(ENCODED);
    }

    private static Path logFile() {
        String file = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertThat(file).as("slf4j-simple writes to a file (set in the module's Surefire configuration)").isNotNull();
        return Path.of(file);
    }
}
