package dev.qualitygate.criteria;

/**
 * Thrown by {@link Criterion#parse(String)} for text that is not a criterion. The message says what is wrong and
 * shows how a criterion is written; it does not repeat the text, which callers report with its location.
 *
 * @since 0.1
 */
public class InvalidCriterionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the criterion
     */
    public InvalidCriterionException(String message) {
        super(message);
    }
}
