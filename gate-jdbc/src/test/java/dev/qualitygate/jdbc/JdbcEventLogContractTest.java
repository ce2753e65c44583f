package dev.qualitygate.jdbc;

import dev.qualitygate.history.EventLog;
import dev.qualitygate.test.tck.EventLogContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The event log of the JDBC store keeps the contract, in a new database of the real PostgreSQL server per test; the
 * racing writers use two stores (two sets of connections) on one database.
 */
class JdbcEventLogContractTest extends EventLogContract {
    private final List<JdbcEvaluationStore> stores = new ArrayList<>();
    private String url;

    private JdbcEvaluationStore open() {
        JdbcEvaluationStore store = JdbcEvaluationStore.builder().url(url).build();
        stores.add(store);
        return store;
    }

    @Override
    protected EventLog newLog() {
        PostgresServer server = PostgresServer.shared();
        url = server.urlWithCredentials(server.createDatabase());
        return open().eventLog();
    }

    @Override
    protected EventLog sameStorage(EventLog log) {
        return open().eventLog();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(JdbcEvaluationStore::close);
    }
}
