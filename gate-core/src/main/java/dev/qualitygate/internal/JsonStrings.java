package dev.qualitygate.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small JSON chores for code outside the packages that may use Jackson. Not API. */
public final class JsonStrings {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonStrings() {
    }

    /**
     * A text as a JSON string literal, escaped as Jackson writes it.
     *
     * @param text the text
     * @return the literal, with its quotes
     */
    public static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    /**
     * A string property of a JSON object.
     *
     * @param json the JSON text of an object
     * @param name the property
     * @return its value, or {@code null} if the text is not JSON, not an object, or the property is missing or not
     *     a string
     */
    public static @Nullable String stringProperty(String json, String name) {
        try {
            JsonNode value = JSON.readTree(json).get(name);
            return value != null && value.isString() ? value.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
