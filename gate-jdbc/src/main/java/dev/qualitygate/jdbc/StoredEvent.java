package dev.qualitygate.jdbc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One event of a delivery run as {@link JdbcEvaluationStore} keeps it beside the evaluations: which run, what type
 * (Keptn's naming, such as {@code sh.keptn.event.deployment.finished}), when, for which project, stage and service,
 * and the event's data as JSON text.
 *
 * @param id the event's unique id (a CloudEvent id); storing an event twice with one id keeps it once
 * @param runId the delivery run it belongs to (Keptn's keptn context); the events of a run are read by it
 * @param type the event type
 * @param time when the event happened; kept to the microsecond, as PostgreSQL does
 * @param project the project; may be empty
 * @param stage the stage; may be empty
 * @param service the service; may be empty
 * @param data the event's data, JSON text as the caller serialised it; not parsed by the store
 * @since 0.1
 */
public record StoredEvent(String id, String runId, String type, Instant time, String project, String stage,
        String service, String data) {

    /** Checks the components and truncates the time to microseconds. */
    public StoredEvent {
        requireText(id, "id");
        requireText(runId, "runId");
        requireText(type, "type");
        time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(data, "data");
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
