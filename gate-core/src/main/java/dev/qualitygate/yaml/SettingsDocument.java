package dev.qualitygate.yaml;

import dev.qualitygate.model.GateSettings;
import dev.qualitygate.model.SourceSettings;
import dev.qualitygate.model.StageSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a gate configuration file: {@code sources} by name and an optional {@code store}, and for deliveries
 * {@code deployers}, {@code testers}, {@code approval} and {@code stages}.
 */
final class SettingsDocument {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    private SettingsDocument() {
    }

    static @Nullable GateSettings read(YamlNode root, Binder b) {
        YamlNode.Mapping map = b.mapping(root, "");
        if (map == null) {
            return null;
        }
        b.checkKeys(map, "", List.of("sources", "store", "deployers", "testers", "approval", "stages"));
        Map<String, SourceSettings> sources = plugins(b, map, "sources", "a metric source provider, such as"
                + " prometheus or dynatrace");
        Map<String, SourceSettings> deployers = plugins(b, map, "deployers", "a deployer provider, such as local or"
                + " kubernetes");
        Map<String, SourceSettings> testers = plugins(b, map, "testers", "a tester provider, such as jmeter");
        YamlNode approvalNode = Binder.get(map, "approval");
        SourceSettings approval = null;
        if (!Binder.isNull(approvalNode)) {
            YamlNode.Mapping entry = b.mapping(approvalNode, "approval");
            if (entry != null) {
                YamlNode providerNode = Binder.get(entry, "provider");
                if (providerNode == null) {
                    b.problem(approvalNode, "approval.provider", "is missing: name the approval handler's provider",
                            null);
                }
                approval = plugin(b, "approval", "", entry, approvalNode, "an approval handler provider");
            }
        }
        Map<String, StageSettings> stages = new LinkedHashMap<>();
        YamlNode.Mapping stagesNode = b.mapping(Binder.get(map, "stages"), "stages");
        if (stagesNode != null) {
            for (YamlNode.Entry e : stagesNode.entries().values()) {
                String path = "stages." + e.key();
                YamlNode.Mapping stage = b.mapping(e.value(), path);
                if (stage == null) {
                    stages.put(e.key(), new StageSettings(null, List.of(), null, null));
                    continue;
                }
                b.checkKeys(stage, path, List.of("slo", "sli", "deployer", "tester"));
                String deployer = b.string(Binder.get(stage, "deployer"), path + ".deployer");
                if (deployer != null && !deployers.containsKey(deployer)) {
                    b.problem(Binder.get(stage, "deployer"), path + ".deployer",
                            "names no deployer under deployers; configured: " + deployers.keySet(), deployer);
                }
                String tester = b.string(Binder.get(stage, "tester"), path + ".tester");
                if (tester != null && !testers.containsKey(tester)) {
                    b.problem(Binder.get(stage, "tester"), path + ".tester",
                            "names no tester under testers; configured: " + testers.keySet(), tester);
                }
                stages.put(e.key(), new StageSettings(b.string(Binder.get(stage, "slo"), path + ".slo"),
                        strings(b, Binder.get(stage, "sli"), path + ".sli"), deployer, tester));
            }
        }
        String store = b.string(Binder.get(map, "store"), "store");
        return b.hasProblems() ? null : new GateSettings(sources, store, deployers, testers, approval, stages);
    }

    private static Map<String, SourceSettings> plugins(Binder b, YamlNode.Mapping map, String key, String kind) {
        Map<String, SourceSettings> plugins = new LinkedHashMap<>();
        YamlNode.Mapping node = b.mapping(Binder.get(map, key), key);
        if (node != null) {
            for (YamlNode.Entry e : node.entries().values()) {
                String path = key + "." + e.key();
                YamlNode.Mapping entry = b.mapping(e.value(), path);
                plugins.put(e.key(), plugin(b, path, e.key(), entry, e.value(), kind));
            }
        }
        return plugins;
    }

    private static SourceSettings plugin(Binder b, String path, String name, YamlNode.@Nullable Mapping entry,
            YamlNode at, String kind) {
        Map<String, Object> settings = entry == null ? new LinkedHashMap<>() : Binder.toObjectMap(entry);
        String provider = name;
        YamlNode providerNode = entry == null ? null : Binder.get(entry, "provider");
        if (providerNode != null) {
            String written = b.string(providerNode, path + ".provider");
            if (written != null) {
                provider = written;
            }
            settings.remove("provider");
        }
        if (providerNode != null || !name.isEmpty()) {
            if (!ID.matcher(provider).matches()) {
                b.problem(providerNode != null ? providerNode : at, path + ".provider",
                        "must be the id of " + kind + (providerNode == null ? " (it defaults to the entry's name)"
                                : ""), provider);
            }
        }
        return new SourceSettings(provider, settings);
    }

    private static List<String> strings(Binder b, @Nullable YamlNode node, String path) {
        if (Binder.isNull(node)) {
            return List.of();
        }
        if (node instanceof YamlNode.Scalar) {
            String one = b.string(node, path);
            return one == null ? List.of() : List.of(one);
        }
        List<String> all = new ArrayList<>();
        List<YamlNode> items = b.list(node, path);
        for (int i = 0; i < items.size(); i++) {
            String s = b.string(items.get(i), path + "[" + i + "]");
            if (s != null) {
                all.add(s);
            }
        }
        return all;
    }
}
