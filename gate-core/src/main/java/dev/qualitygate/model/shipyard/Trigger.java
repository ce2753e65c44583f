package dev.qualitygate.model.shipyard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code triggeredOn} entry: the sequence starts when the named sequence finishes and the selector matches.
 *
 * @param event the event, {@code <stage>.<sequence>.finished} ({@code event})
 * @param match the selector ({@code selector.match}): {@code result} or {@code <task>.result} to the wanted result;
 *     empty means "finished with pass or warning", as Keptn's controller did
 * @since 0.1
 */
public record Trigger(String event, Map<String, String> match) {

    /** Copies the selector, keeping its order. */
    public Trigger {
        Objects.requireNonNull(event, "event");
        match = Collections.unmodifiableMap(new LinkedHashMap<>(match));
    }

    /**
     * The stage part of {@link #event()}.
     *
     * @return the stage name
     */
    public String stage() {
        return event.split("\\.", -1)[0];
    }

    /**
     * The sequence part of {@link #event()}.
     *
     * @return the sequence name
     */
    public String sequence() {
        String[] parts = event.split("\\.", -1);
        return parts.length > 1 ? parts[1] : "";
    }
}
