package dev.qualitygate.yaml;

import dev.qualitygate.error.Problem;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating one file: its kind, every problem, and notes about valid but noteworthy content (an SLO
 * without objectives, an SLI file without indicators).
 *
 * @param source the file name as given
 * @param kind the detected or requested kind, or {@code null} when it could not be told
 * @param problems every problem; empty when the file is valid
 * @param notes remarks that do not make the file invalid
 * @since 0.1
 */
public record ValidationReport(String source, @Nullable DocumentKind kind, List<Problem> problems, List<String> notes) {

    /** Copies and sorts the lists. */
    public ValidationReport {
        Objects.requireNonNull(source, "source");
        problems = problems.stream().sorted().toList();
        notes = List.copyOf(notes);
    }

    /**
     * Whether the file is valid.
     *
     * @return {@code true} if there are no problems
     */
    public boolean valid() {
        return problems.isEmpty();
    }
}
