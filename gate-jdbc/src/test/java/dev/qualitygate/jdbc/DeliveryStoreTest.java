package dev.qualitygate.jdbc;

import static dev.qualitygate.jdbc.Evaluations.CARTS;
import static dev.qualitygate.jdbc.Evaluations.TIME;
import static dev.qualitygate.jdbc.Evaluations.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.SecretResolver;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryStoreTest {
    private static final LoggedEvent EVENT = new LoggedEvent("run-1", 0, "ev-1", "sh.keptn.event.test.finished", TIME,
            "{\"id\":\"ev-1\",\"shkeptncontext\":\"run-1\",\"type\":\"sh.keptn.event.test.finished\",\"time\":\""
                    + TIME + "\"}");

    @TempDir
    Path dir;

    @Test
    void open_directory_keepsHistoryAndEventLogInFilesThere() {
        try (DeliveryStore store = DeliveryStore.open("store", dir)) {
            store.history().append(result(CARTS, "e1", Verdict.PASS));
            assertThat(store.eventLog().append(EVENT)).isTrue();

            assertThat(store.description()).isEqualTo(dir.resolve("store").toString());
        }

        assertThat(dir.resolve("store/@runs/run-1.jsonl")).isRegularFile();
        assertThat(dir.resolve("store/shop/production/carts.jsonl")).isRegularFile();
    }

    @Test
    void open_url_keepsHistoryAndEventLogInTheDatabaseAndNamesItWithoutSecrets() {
        PostgresServer server = PostgresServer.shared();
        String database = server.createDatabase();
        SecretResolver env = SecretResolver.of(Map.of("GATE_DB_PASSWORD", PostgresServer.PASSWORD));
        String url = server.url(database) + "?user=gate&password=${env:GATE_DB_PASSWORD}";

        DeliveryStore first = DeliveryStore.open(url, dir, env);
        first.history().append(result(CARTS, "e1", Verdict.PASS));
        assertThat(first.eventLog().append(EVENT)).isTrue();
        first.close();

        try (DeliveryStore second = DeliveryStore.open(url, dir, env)) {
            assertThat(second.history()).isInstanceOf(JdbcEvaluationStore.class);
            assertThat(second.history().recent(CARTS, ResultFilter.ALL, 5)).extracting(EvaluationResult::id)
                    .containsExactly("e1");
            assertThat(second.eventLog().events("run-1")).extracting(LoggedEvent::json).containsExactly(EVENT.json());
            assertThat(second).hasToString(url);
        }
        assertThatThrownBy(() -> first.eventLog().runs(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith(" is closed");
        assertThat(dir).isEmptyDirectory();
    }
}
