package dev.qualitygate.error;

/**
 * Thrown when a plugin provider cannot be found, loaded or created: an unknown name, a duplicate name, a provider
 * class that fails to load. The message names the provider id and class, and lists the ids that are available.
 *
 * @since 0.1
 */
public class ProviderException extends GateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and how to fix it
     */
    public ProviderException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause the underlying failure
     */
    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
