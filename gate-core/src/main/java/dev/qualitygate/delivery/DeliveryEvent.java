package dev.qualitygate.delivery;

import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.internal.JsonValues;
import dev.qualitygate.model.Verdict;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One event of a delivery run, a CloudEvent (specversion 1.0) as Keptn's shipyard controller and services sent them:
 * type {@code sh.keptn.event.<stage>.<sequence>.<phase>} or {@code sh.keptn.event.<task>.<phase>}, the run as the
 * {@code shkeptncontext} extension, and for {@code started} and {@code finished} events the id of their
 * {@code triggered} event as {@code triggeredid}. The {@code data} holds {@code project}, {@code stage},
 * {@code service}, {@code labels}, and for finished events {@code status} ({@code succeeded} or {@code errored}),
 * {@code result} ({@code pass}, {@code warning}, {@code fail}) and {@code message}, plus task data under the task's
 * name (for example {@code deployment.deploymentURIsLocal}, {@code test.start}, {@code evaluation.score}).
 *
 * @param id the event id
 * @param type the event type
 * @param time when it happened
 * @param runId the run ({@code shkeptncontext})
 * @param triggeredId the id of the {@code triggered} event this one answers ({@code triggeredid}); empty for
 *     {@code triggered} events
 * @param data the payload: strings, numbers, booleans, {@code null}, lists and maps; unmodifiable
 * @since 0.1
 */
public record DeliveryEvent(String id, String type, Instant time, String runId, String triggeredId,
        Map<String, @Nullable Object> data) {

    /** The CloudEvents {@code source} of every event QualityGate writes. */
    public static final String SOURCE = "qualitygate";

    /** The Keptn event spec version written as {@code shkeptnspecversion}. */
    public static final String KEPTN_SPEC_VERSION = "0.2.4";

    /** Checks the components and copies the data deeply. */
    public DeliveryEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(triggeredId, "triggeredId");
        data = copyMap(data);
    }

    /**
     * What the type names.
     *
     * @return the stage, sequence or task, and phase; empty for a type that is not a Keptn sequence or task type
     */
    public Optional<EventTypes.Parsed> parsedType() {
        return EventTypes.parse(type);
    }

    /**
     * The {@code data.stage}.
     *
     * @return the stage, or empty text
     */
    public String stage() {
        return text("stage");
    }

    /**
     * The {@code data.result}.
     *
     * @return the result, or empty if absent or not a result keyword
     */
    public Optional<Verdict> result() {
        return Verdict.fromKeyword(text("result"));
    }

    /**
     * The {@code data.status}.
     *
     * @return {@code succeeded}, {@code errored}, or empty text
     */
    public String status() {
        return text("status");
    }

    /**
     * The {@code data.message}.
     *
     * @return the message, or empty text
     */
    public String message() {
        return text("message");
    }

    private String text(String key) {
        Object value = data.get(key);
        return value instanceof String s ? s : "";
    }

    /**
     * The event as one line of CloudEvents JSON.
     *
     * @return the JSON text
     */
    public String toJson() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", SOURCE);
        event.put("type", type);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.put("shkeptncontext", runId);
        if (!triggeredId.isEmpty()) {
            event.put("triggeredid", triggeredId);
        }
        event.put("shkeptnspecversion", KEPTN_SPEC_VERSION);
        event.put("data", data);
        return JsonValues.write(event);
    }

    /**
     * Reads an event written by {@link #toJson()}.
     *
     * @param json the CloudEvent JSON
     * @return the event
     * @throws IllegalArgumentException if it is not such an event
     */
    public static DeliveryEvent fromJson(String json) {
        Map<String, Object> event = JsonValues.readObject(json);
        Object data = event.get("data");
        Object triggered = event.get("triggeredid");
        try {
            return new DeliveryEvent(string(event, "id"), string(event, "type"),
                    Instant.parse(string(event, "time")), string(event, "shkeptncontext"),
                    triggered instanceof String s ? s : "", data instanceof Map<?, ?> m ? copyMap(m) : Map.of());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the event's time is not an RFC 3339 instant: " + event.get("time"), e);
        }
    }

    /**
     * The event as an {@link dev.qualitygate.history.EventLog} keeps it.
     *
     * @param sequence its position in the run
     * @return the logged form
     */
    public LoggedEvent toLogged(int sequence) {
        return new LoggedEvent(runId, sequence, id, type, time, toJson());
    }

    private static String string(Map<String, Object> event, String key) {
        Object value = event.get(key);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("the event has no " + key);
        }
        return s;
    }

    static Map<String, @Nullable Object> copyMap(Map<?, ?> map) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static @Nullable Object copyValue(@Nullable Object value) {
        if (value instanceof Map<?, ?> m) {
            return copyMap(m);
        }
        if (value instanceof List<?> l) {
            return Collections.unmodifiableList(l.stream().map(DeliveryEvent::copyValue).toList());
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
}
