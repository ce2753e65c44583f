package dev.qualitygate.model.shipyard;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One task of a sequence, such as {@code deployment}, {@code test}, {@code evaluation}, {@code approval},
 * {@code release} or {@code rollback}; any other name is allowed and simply announced as an event.
 *
 * @param name the task name ({@code name})
 * @param triggeredAfter how long to wait before the task starts ({@code triggeredAfter}), or {@code null}
 * @param properties the task's free properties ({@code properties}), for example {@code deploymentstrategy};
 *     values are strings, numbers, booleans, lists or maps, all unmodifiable
 * @since 0.1
 */
public record Task(String name, @Nullable Duration triggeredAfter, Map<String, Object> properties) {

    /** Copies the properties deeply. */
    public Task {
        Objects.requireNonNull(name, "name");
        properties = Properties.copy(properties);
    }

    /**
     * A task without delay or properties.
     *
     * @param name the task name
     * @return the task
     */
    public static Task of(String name) {
        return new Task(name, null, Map.of());
    }

    /**
     * A property as text.
     *
     * @param key the property name
     * @return its value as text, or {@code null} if absent or not a scalar
     */
    public @Nullable String property(String key) {
        Object value = properties.get(key);
        return value instanceof Map || value instanceof java.util.List || value == null ? null : value.toString();
    }
}
