package dev.qualitygate.history;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Placeholder replaced by the file store implementation. */
final class FileEvaluationStore implements EvaluationStore {
    private final Path directory;

    FileEvaluationStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public void append(EvaluationResult result) {
        throw new UnsupportedOperationException(directory.toString());
    }

    @Override
    public List<EvaluationResult> recent(HistoryKey key, ResultFilter filter, int limit) {
        throw new UnsupportedOperationException(directory.toString());
    }
}
