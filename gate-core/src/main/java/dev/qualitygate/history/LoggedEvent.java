package dev.qualitygate.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a delivery run as an {@link EventLog} keeps it: the CloudEvent's JSON text plus the attributes a store
 * indexes (run, position in the run, id, type, time).
 *
 * @param runId the run the event belongs to (the CloudEvent's {@code shkeptncontext})
 * @param sequence the event's 0-based position in its run
 * @param id the event id ({@code id})
 * @param type the event type ({@code type}), for example {@code sh.keptn.event.deployment.finished}
 * @param time when the event happened ({@code time})
 * @param json the whole CloudEvent as one line of JSON
 * @since 0.1
 */
public record LoggedEvent(String runId, int sequence, String id, String type, Instant time, String json) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the run id is not of the form {@link EventLog#isValidRunId} accepts, the
     *     sequence is negative, or the JSON contains a line break
     */
    public LoggedEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(json, "json");
        if (!EventLog.isValidRunId(runId)) {
            throw new IllegalArgumentException("not a run id: '" + runId + "'");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, was " + sequence);
        }
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the JSON of event " + id + " must be one line");
        }
    }
}
