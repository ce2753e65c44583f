package dev.qualitygate.dynatrace;

import static dev.qualitygate.dynatrace.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qualitygate.dynatrace.fake.Bodies;
import dev.qualitygate.dynatrace.fake.FakeDynatrace;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Reply;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.Secret;
import dev.qualitygate.spi.SecretResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynatraceMetricSourceProviderTest {
    private static final ProviderContext SETTLED = new ProviderContext(
            Clock.fixed(Fixtures.END.plusSeconds(3600), ZoneOffset.UTC));

    private static ProviderConfig config(Map<String, ?> settings) {
        return ProviderConfig.of("gate.yaml: sources.dynatrace", settings,
                SecretResolver.of(Map.of("DT_API_TOKEN", TOKEN, "TAG", "keptn_managed")));
    }

    @Test
    void create_tokenFromEnvironment_fetchesWithIt() throws IOException {
        String selector = "builtin:service.response.time:merge(0):percentile(95)";
        try (FakeDynatrace dt = FakeDynatrace.start(TOKEN)
                .metric("builtin:service.response.time", "MicroSecond", true, "avg")
                .onMetricsQuery(r -> selector.equals(r.params().get("metricSelector"))
                        && "type(SERVICE),tag(keptn_managed)".equals(r.params().get("entitySelector")),
                        Reply.json(Bodies.single(selector, 1L, 1234.5)));
                MetricSource source = new DynatraceMetricSourceProvider().create(config(Map.of("url", dt.url(),
                        "token", "${env:DT_API_TOKEN}")), SETTLED)) {
            IndicatorValue value = source.fetch(Fixtures.query("rt", "metricSelector=" + selector
                    + "&entitySelector=type(SERVICE),tag($ENV.TAG)&resolution=Inf"));

            assertThat(value).isEqualTo(IndicatorValue.of(1234.5));
            assertThat(dt.requests()).singleElement().satisfies(r -> assertThat(r.authorization())
                    .isEqualTo("Api-Token " + TOKEN));
        }
    }

    @Test
    void create_emptySettings_namesUrlAndToken() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class,
                () -> new DynatraceMetricSourceProvider().create(config(Map.of()), SETTLED));

        assertThat(e.problems()).extracting(Problem::path).containsExactly("token", "url");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.source()).isEqualTo("gate.yaml: sources.dynatrace"));
    }

    @Test
    void create_invalidSettings_listsEveryProblem() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class,
                () -> new DynatraceMetricSourceProvider().create(config(Map.of("url", "https://abc12345.live"
                        + ".dynatrace.com/api/v2", "token", "x", "retries", 11, "timeout", "0s",
                        "totalTimeout", "30s", "settle", "PT-1S")), SETTLED));

        assertThat(e.problems()).extracting(Problem::path).containsExactly("retries", "settle", "timeout", "url");
        assertThat(e.getMessage()).contains("url: must be the environment's address without the API path",
                "timeout: must be longer than 0 s, was 0 ms", "settle: must be at least 0 s, was -1000 ms",
                "retries: must be less than or equal to 10");
    }

    @Test
    void create_misspelledSetting_listsTheKnownOnes() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class,
                () -> new DynatraceMetricSourceProvider().create(config(Map.of("url", "https://a.live.dynatrace.com",
                        "tokn", "x")), SETTLED));

        assertThat(e.getMessage()).contains("tokn: unknown setting; known settings are failOnWarnings, retries,"
                + " settle, timeout, token, totalTimeout, url, userSessionSettle");
    }

    @Test
    void create_unsetEnvironmentVariable_namesItButNoValue() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class,
                () -> new DynatraceMetricSourceProvider().create(config(Map.of("url", "https://a.live.dynatrace.com",
                        "token", "${env:NOT_SET}")), SETTLED));

        assertThat(e.getMessage()).contains("token", "NOT_SET");
    }

    @Test
    void config_of_appliesKeptnsDefaults() {
        DynatraceConfig c = DynatraceConfig.of("https://a.live.dynatrace.com", Secret.of(TOKEN));

        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.retries()).isEqualTo(3);
        assertThat(c.totalTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.settle()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.userSessionSettle()).isEqualTo(Duration.ofMinutes(6));
        assertThat(c.failOnWarnings()).isTrue();
        assertThat(c).hasToString("DynatraceConfig[url=https://a.live.dynatrace.com, token=****, timeout=PT15S,"
                + " retries=3, totalTimeout=PT45S, settle=PT2M, userSessionSettle=PT6M, failOnWarnings=true]");
    }

    @Test
    void provider_describesItself() {
        DynatraceMetricSourceProvider provider = new DynatraceMetricSourceProvider();

        assertThat(provider.id()).isEqualTo("dynatrace");
        assertThat(provider.description()).startsWith("Dynatrace:");
    }

    @Test
    void create_plainHttpToAnotherHost_warnsThatTheTokenTravelsUnencrypted() throws IOException {
        String url = "http://dynatrace.example.invalid/e/plain-http-warning";
        new DynatraceMetricSourceProvider().create(config(Map.of("url", url, "token", TOKEN)), SETTLED).close();

        String log = Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")));
        assertThat(log).contains("WARN dev.qualitygate.dynatrace.DynatraceMetricSource - The Dynatrace url " + url
                + " uses http://: the API token travels unencrypted");
    }
}
