package dev.qualitygate.jmeter.internal;

/** A query that does not follow the syntax; carries the 1-based column of the mistake. Internal; not API. */
public final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int column;

    QueryException(int column, String message) {
        super(message);
        this.column = column;
    }

    /** The 1-based column in the query. */
    public int column() {
        return column;
    }
}
