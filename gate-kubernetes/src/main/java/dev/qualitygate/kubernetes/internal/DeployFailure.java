package dev.qualitygate.kubernetes.internal;

/**
 * A deployment that cannot go on, with the cause as the message that the task's result shows. Internal; not API.
 */
final class DeployFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeployFailure(String message) {
        super(message);
    }

    DeployFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
