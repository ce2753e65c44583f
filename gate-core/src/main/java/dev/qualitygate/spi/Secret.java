package dev.qualitygate.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret setting, such as an API token, that never shows in {@code toString()}, logs or exception messages.
 * Settings reference secrets as {@code ${env:NAME}} or {@code ${file:/path/to/file}} (see
 * {@link ProviderConfig#bind(Class)}); the value is read only through {@link #reveal()}.
 *
 * @since 0.1
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a secret value.
     *
     * @param value the secret
     * @return the wrapper
     */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /**
     * The secret value, for the one place that needs it (an HTTP header, say). Never log it.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    /**
     * Whether the secret is empty.
     *
     * @return {@code true} for an empty value
     */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0;
    }

    /** Always {@code ****}. */
    @Override
    public String toString() {
        return "****";
    }
}
