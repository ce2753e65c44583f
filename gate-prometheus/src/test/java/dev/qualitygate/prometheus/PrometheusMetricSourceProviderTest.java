package dev.qualitygate.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.Secret;
import dev.qualitygate.spi.SecretResolver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and checking the settings. */
class PrometheusMetricSourceProviderTest {
    private static final SecretResolver ENV = SecretResolver.of(Map.of("PROM_HOST", "prom.example.org",
            "PROM_PASSWORD", "pa55word", "EMPTY", ""));

    @TempDir
    Path dir;

    private static PrometheusConfig bind(Map<String, ?> settings) {
        return PrometheusMetricSourceProvider.bind(ProviderConfig.of("gate.yaml: sources.prometheus", settings, ENV));
    }

    private static GateConfigException refused(Map<String, ?> settings) {
        return catchThrowableOfType(GateConfigException.class, () -> bind(settings));
    }

    @Test
    void bind_urlOnly_takesTheDefaults() {
        PrometheusConfig config = bind(Map.of("url", "http://127.0.0.1:9090"));

        assertThat(config).isEqualTo(PrometheusConfig.of(URI.create("http://127.0.0.1:9090")));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.retries()).isEqualTo(2);
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.totalTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.token()).isNull();
    }

    @Test
    void bind_everySetting_readsThem() throws IOException {
        Path password = Files.writeString(dir.resolve("password"), "from-file\n");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", "https://${env:PROM_HOST}/prometheus");
        settings.put("username", "gate");
        settings.put("password", "${file:" + password + "}");
        settings.put("timeout", "2s");
        settings.put("retries", 5);
        settings.put("retryBackoff", "PT0.1S");
        settings.put("totalTimeout", "1m");

        PrometheusConfig config = bind(settings);

        assertThat(config).isEqualTo(new PrometheusConfig(URI.create("https://prom.example.org/prometheus"), null,
                "gate", Secret.of("from-file"), Duration.ofSeconds(2), 5, Duration.ofMillis(100),
                Duration.ofMinutes(1)));
        assertThat(config.toString()).doesNotContain("from-file");
    }

    @Test
    void bind_urlNamesAnUnsetVariable_isAProblemOfTheUrl() {
        assertThat(refused(Map.of("url", "http://${env:NO_SUCH_VARIABLE}:9090")).problems()).containsExactly(
                new Problem("gate.yaml: sources.prometheus", 0, 0, "url",
                        "the environment variable NO_SUCH_VARIABLE is not set", null));
    }

    @Test
    void bind_noUrl_namesIt() {
        assertThat(refused(Map.of("timeout", "1s")).problems()).extracting(Problem::path).containsExactly("url");
    }

    @Test
    void bind_unknownSetting_listsTheKnownOnes() {
        GateConfigException e = refused(Map.of("url", "http://127.0.0.1:9090", "tiemout", "1s"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tiemout");
            assertThat(p.message()).contains("unknown setting").contains("timeout").contains("totalTimeout");
        });
    }

    @Test
    void bind_manyMistakes_listsEveryProblemAtOnce() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", "ftp://127.0.0.1/");
        settings.put("token", "${env:EMPTY}");
        settings.put("username", "gate");
        settings.put("timeout", "0s");
        settings.put("retries", 11);
        settings.put("retryBackoff", "PT-1S");
        settings.put("totalTimeout", "PT-5S");

        GateConfigException e = refused(settings);

        assertThat(e.problems()).extracting(Problem::path, Problem::message).containsExactlyInAnyOrder(
                tuple("url",
                        "must be an http or https URL with a host, such as http://127.0.0.1:9090, was ftp://127.0.0.1/"),
                tuple("token", "give either token (bearer authentication) or username"
                        + " and password (basic authentication), not both"),
                tuple("token", "is empty"),
                tuple("password", "is required with username"),
                tuple("timeout", "must be positive, such as 10s, was PT0S"),
                tuple("retries", "must be less than or equal to 10"),
                tuple("retryBackoff", "must not be negative, was PT-1S"),
                tuple("totalTimeout", "must be positive, such as 10s, was PT-5S"));
        assertThat(e.getMessage()).contains("gate.yaml: sources.prometheus");
    }

    @Test
    void bind_credentialsInTheUrl_areRefusedWithoutShowingThem() {
        GateConfigException e = refused(Map.of("url", "http://gate:hunter2@127.0.0.1:9090"));

        assertThat(e.problems()).extracting(Problem::path).containsExactly("url");
        assertThat(e.getMessage()).contains("must not contain credentials").doesNotContain("hunter2");
    }

    @Test
    void bind_urlWithQuery_isRefused() {
        assertThat(refused(Map.of("url", "http://127.0.0.1:9090/?x=1")).problems()).extracting(Problem::message)
                .containsExactly("must not have a query or fragment; give the server's base URL, such as"
                        + " http://127.0.0.1:9090, was http://127.0.0.1:9090/?x=1");
    }

    @Test
    void bind_passwordWithoutUsername_namesUsername() {
        assertThat(refused(Map.of("url", "http://127.0.0.1:9090", "password", "${env:PROM_PASSWORD}")).problems())
                .extracting(Problem::path, Problem::message)
                .containsExactly(tuple("username", "is required with password"));
    }

    @Test
    void create_sourceToString_showsServerAndAuthKindButNoSecret() {
        MetricSource source = new PrometheusMetricSourceProvider().create(ProviderConfig.of("test",
                Map.of("url", "http://127.0.0.1:9090", "username", "gate", "password", "${env:PROM_PASSWORD}"), ENV),
                ProviderContext.defaults());

        assertThat(source.toString()).isEqualTo("PrometheusMetricSource[url=http://127.0.0.1:9090, auth=basic as"
                + " gate, timeout=PT10S, retries=2, totalTimeout=PT30S]").doesNotContain("pa55word");
    }
}
