package dev.qualitygate.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one plugin instance in a gate configuration file: a metric source, a deployer, a tester or an
 * approval handler.
 *
 * @param provider the id of the provider that creates the plugin ({@code provider}; by default the entry's name)
 * @param settings every other key of the entry, passed to the provider as its settings; values are strings,
 *     numbers, booleans, lists or maps
 * @since 0.1
 */
public record SourceSettings(String provider, Map<String, Object> settings) {

    /** Checks and copies the components, keeping the order of the settings. */
    public SourceSettings {
        Objects.requireNonNull(provider, "provider");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
