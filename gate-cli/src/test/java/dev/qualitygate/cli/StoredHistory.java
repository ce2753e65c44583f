package dev.qualitygate.cli;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.report.ReportSamples;
import java.nio.file.Path;

/**
 * A file store holding gate-core's {@link ReportSamples#twentyBuilds()}: 20 evaluations of shop/hardening/carts,
 * builds 1.4.1 to 1.4.20, made by the real engine one after the other: passes, warnings (builds 7, 8, 10, 12), fails
 * (13 by score, 16 with a missing error rate, 20 on the key SLI).
 */
final class StoredHistory {
    static final EvaluationContext CONTEXT = EvaluationContext.of("shop", "hardening", "carts");

    private StoredHistory() {
    }

    /** Appends the 20 evaluations to the store {@code dir/store}. */
    static Path create(Path dir) {
        Path store = dir.resolve("store");
        try (EvaluationStore evaluations = EvaluationStore.files(store)) {
            ReportSamples.twentyBuilds().forEach(evaluations::append);
        }
        return store;
    }
}
