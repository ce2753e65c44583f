package dev.qualitygate.jmeter.internal;

/** A results file that cannot be read at all: unreadable, or without a column every sample needs. Internal; not API. */
public final class JtlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the file and what is wrong. */
    public JtlException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public JtlException(String message, Throwable cause) {
        super(message, cause);
    }
}
