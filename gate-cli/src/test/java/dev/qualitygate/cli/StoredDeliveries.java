package dev.qualitygate.cli;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.report.DeliverySamples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A file store holding gate-core's {@link DeliverySamples}: three delivery runs of carts (project shop) made by the
 * real delivery runner with fake plugins, and the staging evaluations they made with the real engine: v1 delivered
 * (alice approves production 22 minutes after it asked), v2 stopped at the staging gate by its error rate and rolled
 * back, v3 waiting for approval in production.
 */
final class StoredDeliveries {
    /** The run ids, oldest first: v1 delivered, v2 stopped, v3 waiting. */
    final List<String> runIds;
    /** The store directory. */
    final Path store;

    private StoredDeliveries(Path store, List<String> runIds) {
        this.store = store;
        this.runIds = runIds;
    }

    /** Runs the three deliveries into the store {@code dir/store}. */
    static StoredDeliveries create(Path dir) {
        Path store = dir.resolve("store");
        try (EventLog log = EventLog.files(store); EvaluationStore evaluations = EvaluationStore.files(store)) {
            DeliverySamples samples = new DeliverySamples(log);
            samples.evaluations.forEach(evaluations::append);
            List<String> oldestFirst = new ArrayList<>(samples.ids);
            Collections.reverse(oldestFirst);
            return new StoredDeliveries(store, List.copyOf(oldestFirst));
        }
    }
}
