package dev.qualitygate.test.tck;

import dev.qualitygate.history.EvaluationStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileEvaluationStoreContractTest extends EvaluationStoreContract {
    @TempDir
    Path directory;

    private int stores;

    @Override
    protected EvaluationStore newStore() {
        return EvaluationStore.files(directory.resolve("store-" + ++stores));
    }
}
