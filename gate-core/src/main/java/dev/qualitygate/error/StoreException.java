package dev.qualitygate.error;

/**
 * Thrown when the evaluation history cannot be read or written: the store's directory is not writable, the disk is
 * full, the database is unreachable. A write that throws this exception did not happen.
 *
 * @since 0.1
 */
public class StoreException extends GateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the store location
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what went wrong, naming the store location
     */
    public StoreException(String message) {
        super(message);
    }
}
