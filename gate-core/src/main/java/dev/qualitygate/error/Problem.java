package dev.qualitygate.error;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem found in a configuration file or setting, located as precisely as the input allows.
 *
 * <p>{@link #toString()} renders it as {@code FILE:LINE:COLUMN: key.path: message (was "X")}, leaving out the parts
 * that are unknown (line and column 0, an empty path, a {@code null} value).
 *
 * @param source the file name or other origin of the input (for example {@code slo.yaml}); never empty
 * @param line 1-based line of the offending node, or 0 when unknown
 * @param column 1-based column of the offending node, or 0 when unknown
 * @param path the key path inside the document, such as {@code objectives[2].weight}; empty for the whole document
 * @param message what is wrong and, where it helps, how to fix it
 * @param value the offending value as written, or {@code null} when there is none to show
 * @since 0.1
 */
public record Problem(String source, int line, int column, String path, String message, @Nullable String value)
        implements Comparable<Problem> {

    /** Longest value quoted in a rendered problem; longer values are cut with an ellipsis. */
    private static final int MAX_VALUE_LENGTH = 80;

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if line or column is negative
     */
    public Problem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0, were " + line + ":" + column);
        }
    }

    /**
     * A problem without a location inside the input (for example an unreadable file).
     *
     * @param source the origin of the input
     * @param message what is wrong
     * @return the problem
     */
    public static Problem of(String source, String message) {
        return new Problem(source, 0, 0, "", message, null);
    }

    @Override
    public int compareTo(Problem other) {
        int c = source.compareTo(other.source);
        if (c == 0) {
            c = Integer.compare(line, other.line);
        }
        if (c == 0) {
            c = Integer.compare(column, other.column);
        }
        if (c == 0) {
            c = path.compareTo(other.path);
        }
        return c == 0 ? message.compareTo(other.message) : c;
    }

    /** Renders the problem as {@code FILE:LINE:COLUMN: key.path: message (was "X")}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        sb.append(message);
        if (value != null) {
            sb.append(" (was \"").append(printable(value)).append("\")");
        }
        return sb.toString();
    }

    private static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(MAX_VALUE_LENGTH).forEach(cp -> {
            if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '"') {
                sb.append("\\\"");
            } else if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
            sb.append('…');
        }
        return sb.toString();
    }
}
