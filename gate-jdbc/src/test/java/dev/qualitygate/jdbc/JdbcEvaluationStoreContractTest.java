package dev.qualitygate.jdbc;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.test.tck.EvaluationStoreContract;

class JdbcEvaluationStoreContractTest extends EvaluationStoreContract {
    @Override
    protected EvaluationStore newStore() {
        PostgresServer server = PostgresServer.shared();
        return JdbcEvaluationStore.builder().url(server.urlWithCredentials(server.createDatabase())).build();
    }
}
