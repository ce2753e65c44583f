package dev.qualitygate.spi;

import dev.qualitygate.internal.ConfigBinder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one plugin instance, as an immutable map plus where they came from, so that problems can name
 * their origin.
 *
 * <p>Plugins do not read the map by hand: {@link #bind(Class)} turns it into the plugin's own configuration record,
 * validated with Jakarta Validation, resolving {@link Secret} components from {@code ${env:NAME}} or
 * {@code ${file:/path}} references and {@link java.time.Duration} components from {@code 30s}, {@code 5m} or
 * {@code PT30S}. {@link #toString()} shows the keys only, never values.
 *
 * @since 0.1
 */
public final class ProviderConfig {
    private final String origin;
    private final Map<String, Object> settings;
    private final SecretResolver secrets;

    private ProviderConfig(String origin, Map<String, ?> settings, SecretResolver secrets) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /**
     * Settings whose secrets are resolved from the process environment.
     *
     * @param origin where they come from, for example {@code gate.yaml: sources.prometheus}
     * @param settings setting name to value (strings, numbers, booleans, lists, maps)
     * @return the configuration
     */
    public static ProviderConfig of(String origin, Map<String, ?> settings) {
        return new ProviderConfig(origin, settings, SecretResolver.system());
    }

    /**
     * Settings with a given secret resolver.
     *
     * @param origin where they come from
     * @param settings setting name to value
     * @param secrets resolves {@code ${env:...}} and {@code ${file:...}}
     * @return the configuration
     */
    public static ProviderConfig of(String origin, Map<String, ?> settings, SecretResolver secrets) {
        return new ProviderConfig(origin, settings, secrets);
    }

    /**
     * Where the settings come from.
     *
     * @return the origin
     */
    public String origin() {
        return origin;
    }

    /**
     * The raw settings.
     *
     * @return setting name to value; unmodifiable
     */
    public Map<String, Object> settings() {
        return settings;
    }

    /**
     * The resolver for secret references.
     *
     * @return the resolver
     */
    public SecretResolver secrets() {
        return secrets;
    }

    /**
     * Binds the settings to a configuration record (or class) and validates it.
     *
     * @param type the configuration type; its components are the setting names
     * @param <R> the configuration type
     * @return the configuration
     * @throws dev.qualitygate.error.GateConfigException naming the origin, the setting and what is wrong (an unknown
     *     setting, a wrong type, a violated constraint, an unset environment variable)
     */
    public <R> R bind(Class<R> type) {
        return ConfigBinder.bind(origin, settings, Secret.class, secrets::resolve, type);
    }

    /** The origin and the setting names, never their values. */
    @Override
    public String toString() {
        return "ProviderConfig[" + origin + ": " + settings.keySet() + "]";
    }
}
