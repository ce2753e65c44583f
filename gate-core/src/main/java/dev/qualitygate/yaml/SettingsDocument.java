package dev.qualitygate.yaml;

import dev.qualitygate.model.GateSettings;
import dev.qualitygate.model.SourceSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads a gate configuration file: {@code sources} by name and an optional {@code store}. */
final class SettingsDocument {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    private SettingsDocument() {
    }

    static @Nullable GateSettings read(YamlNode root, Binder b) {
        YamlNode.Mapping map = b.mapping(root, "");
        if (map == null) {
            return null;
        }
        b.checkKeys(map, "", List.of("sources", "store"));
        Map<String, SourceSettings> sources = new LinkedHashMap<>();
        YamlNode.Mapping sourcesNode = b.mapping(Binder.get(map, "sources"), "sources");
        if (sourcesNode != null) {
            for (YamlNode.Entry e : sourcesNode.entries().values()) {
                String path = "sources." + e.key();
                YamlNode.Mapping entry = b.mapping(e.value(), path);
                Map<String, Object> settings = entry == null ? new LinkedHashMap<>() : Binder.toObjectMap(entry);
                String provider = e.key();
                YamlNode providerNode = entry == null ? null : Binder.get(entry, "provider");
                if (providerNode != null) {
                    String written = b.string(providerNode, path + ".provider");
                    if (written != null) {
                        provider = written;
                    }
                    settings.remove("provider");
                }
                if (!ID.matcher(provider).matches()) {
                    b.problem(providerNode != null ? providerNode : e.value(), path + ".provider",
                            "must be the id of a metric source provider, such as prometheus or dynatrace"
                                    + (providerNode == null ? " (it defaults to the source's name)" : ""),
                            provider);
                }
                sources.put(e.key(), new SourceSettings(provider, settings));
            }
        }
        String store = b.string(Binder.get(map, "store"), "store");
        return b.hasProblems() ? null : new GateSettings(sources, store);
    }
}
