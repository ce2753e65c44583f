package dev.qualitygate.dynatrace.internal;

/** An SLI query that cannot be sent: its message says why and how to write it. Internal; not API. */
public final class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the query
     */
    public QueryException(String message) {
        super(message, null, false, false);
    }
}
