package dev.qualitygate.dynatrace.internal;

/**
 * Why an SLI has no value: its message is the reason shown to users, free of secrets. Internal; not API.
 */
public final class CallFailed extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param reason what went wrong, for users; never contains the token
     */
    public CallFailed(String reason) {
        super(reason, null, false, false);
    }
}
