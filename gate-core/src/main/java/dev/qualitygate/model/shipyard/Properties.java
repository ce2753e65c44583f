package dev.qualitygate.model.shipyard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Deep, order-keeping, unmodifiable copies of free-form property maps. */
final class Properties {
    private Properties() {
    }

    static Map<String, Object> copy(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), copyValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value) {
        Objects.requireNonNull(value, "property value");
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(copyValue(v)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("unsupported property value type " + value.getClass().getName());
    }
}
