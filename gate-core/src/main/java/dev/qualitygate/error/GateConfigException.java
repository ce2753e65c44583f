package dev.qualitygate.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a file or setting is invalid; carries every problem found, not just the first.
 *
 * <p>The message lists one problem per line in the form of {@link Problem#toString()}, sorted by file and position,
 * so it can be printed as it is.
 *
 * @since 0.1
 */
public class GateConfigException extends GateException {
    private static final long serialVersionUID = 1L;

    /** The problems, sorted; never empty. */
    @SuppressWarnings("serial")
    private final List<Problem> problems;

    /**
     * Creates the exception from a non-empty list of problems.
     *
     * @param problems every problem found; sorted by source and position in the message
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public GateConfigException(List<Problem> problems) {
        super(render(problems));
        this.problems = problems.stream().sorted().toList();
    }

    /**
     * Creates the exception for a single problem.
     *
     * @param problem the problem
     */
    public GateConfigException(Problem problem) {
        this(List.of(problem));
    }

    /**
     * The problems, sorted by source, line and column.
     *
     * @return the problems; never empty
     */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a GateConfigException needs at least one problem");
        }
        return problems.stream().sorted().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
