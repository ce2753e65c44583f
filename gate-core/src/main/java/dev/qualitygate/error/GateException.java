package dev.qualitygate.error;

/**
 * Root of every exception QualityGate throws for a failure of its own or of the infrastructure it talks to.
 *
 * <p>A failing or warning quality gate is a <em>result</em>, never an exception: see
 * {@link dev.qualitygate.model.EvaluationResult}. Misuse of the API (a {@code null} argument, an argument out of
 * range) throws the JDK's {@link NullPointerException} or {@link IllegalArgumentException} instead.
 *
 * @since 0.1
 */
public class GateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, where, and how to fix it
     */
    public GateException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cause that led to it.
     *
     * @param message what went wrong, where, and how to fix it
     * @param cause the underlying failure
     */
    public GateException(String message, Throwable cause) {
        super(message, cause);
    }
}
