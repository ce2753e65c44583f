package dev.qualitygate.kubernetes.internal;

/**
 * How following a Deployment's rollout ended. Internal; not API.
 *
 * @param state complete, failed or timed out
 * @param message what was seen, naming the cause of a failure
 * @param available available replicas at the end
 * @param desired desired replicas
 */
record Rollout(State state, String message, int available, int desired) {

    enum State { COMPLETE, FAILED, TIMED_OUT }

    boolean complete() {
        return state == State.COMPLETE;
    }
}
