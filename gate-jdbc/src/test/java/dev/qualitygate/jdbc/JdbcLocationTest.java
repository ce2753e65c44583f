package dev.qualitygate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.qualitygate.error.GateException;
import dev.qualitygate.spi.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcLocationTest {
    private static final SecretResolver ENV = SecretResolver.of(Map.of(
            "DB_HOST", "db.internal", "DB_USER", "gate", "DB_PASSWORD", "p&ss=w%rd?", "SCHEMA", "history"));

    @Test
    void parse_credentialsFromEnvironment_passesThemAsPropertiesUnencoded() {
        JdbcLocation location = JdbcLocation.parse(
                "jdbc:postgresql://${env:DB_HOST}:5432/gate?user=${env:DB_USER}&password=${env:DB_PASSWORD}"
                        + "&currentSchema=${env:SCHEMA}", ENV);

        assertThat(location.url()).isEqualTo("jdbc:postgresql://db.internal:5432/gate?currentSchema=history");
        assertThat(location.credentials()).containsOnly(entry("user", "gate"), entry("password", "p&ss=w%rd?"));
        assertThat(location.description()).isEqualTo("jdbc:postgresql://${env:DB_HOST}:5432/gate"
                + "?user=${env:DB_USER}&password=${env:DB_PASSWORD}&currentSchema=${env:SCHEMA}");
    }

    @Test
    void parse_literalPassword_isUrlDecodedAndMaskedInTheDescription() {
        JdbcLocation location = JdbcLocation.parse(
                "jdbc:postgresql://127.0.0.1/gate?sslmode=disable&password=s%26cret%20word&user=gate", ENV);

        assertThat(location.url()).isEqualTo("jdbc:postgresql://127.0.0.1/gate?sslmode=disable");
        assertThat(location.credentials()).containsOnly(entry("user", "gate"), entry("password", "s&cret word"));
        assertThat(location.description())
                .isEqualTo("jdbc:postgresql://127.0.0.1/gate?sslmode=disable&password=****&user=gate")
                .isEqualTo(location.toString());
    }

    @Test
    void parse_passwordFromFile_readsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "from-a-file\n", StandardCharsets.UTF_8);

        JdbcLocation location = JdbcLocation.parse("jdbc:postgresql://db/gate?password=${file:" + file + "}", ENV);

        assertThat(location.credentials()).containsOnly(entry("password", "from-a-file"));
        assertThat(location.url()).isEqualTo("jdbc:postgresql://db/gate");
    }

    @Test
    void parse_noParameters_keepsTheUrl() {
        JdbcLocation location = JdbcLocation.parse("jdbc:postgresql:gate", ENV);

        assertThat(location.url()).isEqualTo("jdbc:postgresql:gate");
        assertThat(location.credentials()).isEmpty();
        assertThat(location.description()).isEqualTo("jdbc:postgresql:gate");
    }

    @Test
    void parse_unsetVariable_namesItAndTheStoreButNoSecret() {
        assertThatThrownBy(() -> JdbcLocation.parse(
                "jdbc:postgresql://db/gate?user=${env:DB_USER}&password=${env:MISSING_PASSWORD}", ENV))
                .isInstanceOf(GateException.class)
                .hasMessage("the store jdbc:postgresql://db/gate?user=${env:DB_USER}&password=${env:MISSING_PASSWORD}:"
                        + " the environment variable MISSING_PASSWORD is not set");
    }

    @Test
    void parse_otherDatabase_saysOnlyPostgresqlIsSupported() {
        assertThatThrownBy(() -> JdbcLocation.parse("jdbc:mysql://db/gate?password=hunter2", ENV))
                .isInstanceOf(GateException.class)
                .hasMessage("the store jdbc:mysql://db/gate?password=**** is not a PostgreSQL JDBC URL: QualityGate"
                        + " keeps history in PostgreSQL, written jdbc:postgresql://HOST:PORT/DATABASE");
    }
}
