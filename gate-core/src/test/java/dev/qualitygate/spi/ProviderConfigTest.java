package dev.qualitygate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderConfigTest {
    private static final String ORIGIN = "metric source prom";
    private static final String TOKEN = "s3cr3t-t0ken-value";
    private static final SecretResolver ENV = SecretResolver.of(Map.of("PROM_TOKEN", TOKEN, "PROM_HOST", "10.0.0.7"));

    /** A plugin's configuration record, as a plugin author writes it. */
    record HttpSettings(
            @NotNull URI url,
            @NotNull Secret token,
            @NotNull Duration timeout,
            @Positive int retries,
            @Nullable String name) {
    }

    private static Map<String, Object> valid() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", "http://127.0.0.1:9090/api");
        settings.put("token", "${env:PROM_TOKEN}");
        settings.put("timeout", "30s");
        settings.put("retries", 3);
        return settings;
    }

    private static Map<String, Object> with(String key, @Nullable Object value) {
        Map<String, Object> settings = valid();
        if (value == null) {
            settings.remove(key);
        } else {
            settings.put(key, value);
        }
        return settings;
    }

    private static HttpSettings bind(Map<String, ?> settings) {
        return ProviderConfig.of(ORIGIN, settings, ENV).bind(HttpSettings.class);
    }

    private static GateConfigException bindFails(Map<String, ?> settings) {
        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> bind(settings));
        assertThat(e).as("binding %s should fail", settings.keySet()).isNotNull();
        return e;
    }

    @Test
    void bind_validSettings_bindsEveryComponent() {
        HttpSettings s = bind(valid());

        assertThat(s.url()).isEqualTo(URI.create("http://127.0.0.1:9090/api"));
        assertThat(s.token().reveal()).isEqualTo(TOKEN);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.retries()).isEqualTo(3);
        assertThat(s.name()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "30s, PT30S",
        "PT1M, PT1M",
        "pt2s, PT2S",
        "1h30m, PT1H30M",
        "300ms, PT0.3S",
        "1.5s, PT1.5S",
    })
    void bind_durationText_isReadAsGoOrIsoDuration(String text, String expected) {
        assertThat(bind(with("timeout", text)).timeout()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void bind_durationNumber_isSeconds() {
        assertThat(bind(with("timeout", 5)).timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(bind(with("timeout", 0.25)).timeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void bind_malformedDuration_namesSettingAndAcceptedForms() {
        GateConfigException e = bindFails(with("timeout", "soon"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(ORIGIN);
            assertThat(p.path()).isEqualTo("timeout");
            assertThat(p.message()).contains("\"soon\"").contains("30s");
        });
    }

    @Test
    void bind_envReference_isResolvedThroughTheResolver() {
        assertThat(bind(valid()).token()).isEqualTo(Secret.of(TOKEN));
    }

    @Test
    void bind_unsetEnvironmentVariable_namesTheVariableAndTheSetting() {
        GateConfigException e = bindFails(with("token", "${env:NOT_SET_ANYWHERE}"));

        assertThat(e).hasMessageContaining("NOT_SET_ANYWHERE").hasMessageContaining(ORIGIN);
        assertThat(e.problems()).singleElement().extracting(Problem::path).isEqualTo("token");
    }

    @Test
    void bind_fileReference_readsTheFileWithoutTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token.txt");
        Files.writeString(file, "from-a-file\n");

        assertThat(bind(with("token", "${file:" + file + "}")).token().reveal()).isEqualTo("from-a-file");
    }

    @Test
    void bind_missingSecretFile_namesTheFile(@TempDir Path dir) {
        Path file = dir.resolve("missing.txt");

        GateConfigException e = bindFails(with("token", "${file:" + file + "}"));

        assertThat(e).hasMessageContaining(file.toString());
        assertThat(e.problems()).singleElement().extracting(Problem::path).isEqualTo("token");
    }

    @Test
    void bind_literalSecret_isTheSecretItself() {
        assertThat(bind(with("token", "plain-literal")).token().reveal()).isEqualTo("plain-literal");
    }

    @Test
    void bind_unknownSetting_namesItAndListsKnownSettings() {
        GateConfigException e = bindFails(with("tokn", "x"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(ORIGIN);
            assertThat(p.path()).isEqualTo("tokn");
            assertThat(p.message()).contains("unknown setting")
                    .contains("name, retries, timeout, token, url");
        });
    }

    @Test
    void bind_constraintViolation_isAProblemAtTheSettingsPath() {
        GateConfigException e = bindFails(with("retries", -1));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(ORIGIN);
            assertThat(p.path()).isEqualTo("retries");
            assertThat(p.message()).contains("greater than 0");
            assertThat(p.value()).isEqualTo("-1");
        });
    }

    @Test
    void bind_severalViolations_areReportedTogether() {
        Map<String, Object> settings = with("retries", 0);
        settings.remove("url");

        GateConfigException e = bindFails(settings);

        assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder("retries", "url");
    }

    @Test
    void bind_emptySettings_reportsEachRequiredSetting() {
        GateConfigException e = bindFails(Map.of());

        assertThat(e.problems()).extracting(Problem::path)
                .contains("url", "token", "timeout", "retries");
    }

    @Test
    void bind_wrongType_namesTheSetting() {
        GateConfigException e = bindFails(with("retries", "many"));

        assertThat(e.problems()).singleElement().extracting(Problem::path).isEqualTo("retries");
    }

    @Test
    void bind_problemMessages_neverShowTheSecret() {
        Map<String, Object> settings = with("token", TOKEN);
        settings.put("retries", -5);
        settings.remove("url");

        GateConfigException e = bindFails(settings);

        assertThat(e).hasMessageNotContaining(TOKEN);
    }

    @Test
    void toString_ofProviderConfig_showsOriginAndKeysButNoValues() {
        ProviderConfig config = ProviderConfig.of(ORIGIN, with("token", TOKEN), ENV);

        assertThat(config.toString())
                .contains(ORIGIN)
                .contains("token", "url")
                .doesNotContain(TOKEN)
                .doesNotContain("127.0.0.1");
    }

    @Test
    void toString_ofBoundRecord_masksTheSecret() {
        HttpSettings s = bind(valid());

        assertThat(s.toString()).contains("****").doesNotContain(TOKEN);
    }

    @Test
    void secret_toStringIsMaskedAndEqualityComparesValues() {
        assertThat(Secret.of(TOKEN)).hasToString("****");
        assertThat(Secret.of(TOKEN)).isEqualTo(Secret.of(TOKEN)).isNotEqualTo(Secret.of("other"));
        assertThat(Secret.of("").isEmpty()).isTrue();
    }

    @Test
    void settings_areAnUnmodifiableCopy() {
        Map<String, Object> settings = valid();
        ProviderConfig config = ProviderConfig.of(ORIGIN, settings, ENV);
        settings.put("late", "x");

        assertThat(config.settings()).doesNotContainKey("late");
        assertThatThrownBy(() -> config.settings().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(config.origin()).isEqualTo(ORIGIN);
    }

    @Test
    void secretResolver_expand_replacesEnvReferencesInPlainText() {
        assertThat(ENV.expand("http://${env:PROM_HOST}:9090/${env:PROM_HOST}"))
                .isEqualTo("http://10.0.0.7:9090/10.0.0.7");
        assertThat(ENV.expand("no references")).isEqualTo("no references");
    }

    @Test
    void secretResolver_unsetVariable_throwsNamingIt() {
        assertThatThrownBy(() -> ENV.resolve("${env:MISSING_ONE}"))
                .hasMessageContaining("MISSING_ONE");
    }
}
