package dev.qualitygate.jmeter.internal;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads Keptn's {@code jmeter.conf.yaml} (spec_version 0.1.0): a list of workloads, each naming its test strategy.
 * Every problem is collected and reported at once, located by line and column. Workloads of the file replace the
 * default of their strategy; strategies it does not name keep Keptn's defaults. Internal; not API.
 */
public final class JMeterConf {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loadSettings(LoadSettings.builder().setMaxAliasesForCollections(0).setCodePointLimit(1 << 20).build())
            .build();
    private static final Set<String> ROOT_KEYS = Set.of("spec_version", "workloads");
    private static final List<String> WORKLOAD_KEYS = List.of("teststrategy", "vuser", "loopcount", "thinktime",
            "script", "acceptederrorrate", "avgrtvalidation", "properties");

    private JMeterConf() {
    }

    /** A YAML value with where it starts. */
    private record Node(@Nullable Object value, int line, int column) {
    }

    /**
     * The workloads of a file merged over Keptn's defaults, or the defaults when the file does not exist.
     *
     * @param file the {@code jmeter.conf.yaml}
     * @return strategy to workload
     * @throws GateConfigException listing every problem of the file
     */
    public static Map<String, Workload> read(Path file) {
        Map<String, Workload> workloads = new LinkedHashMap<>();
        for (Workload w : Workload.DEFAULTS) {
            workloads.put(w.strategy(), w);
        }
        if (!Files.exists(file)) {
            return workloads;
        }
        String source = file.toString();
        List<Problem> problems = new ArrayList<>();
        Node root;
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), Files.readString(file))) {
            JsonToken first = p.nextToken();
            root = first == null ? new Node(null, 1, 1) : node(p, first);
        } catch (IOException e) {
            throw new GateConfigException(Problem.of(source, "cannot read the file: " + e));
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw new GateConfigException(new Problem(source, at == null ? 0 : Math.max(at.getLineNr(), 0),
                    at == null ? 0 : Math.max(at.getColumnNr(), 0), "", "YAML syntax error: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), null));
        }
        if (!(root.value() instanceof Map<?, ?> map)) {
            throw new GateConfigException(new Problem(source, root.line(), root.column(), "",
                    "must be a mapping with spec_version and workloads", null));
        }
        for (Object key : map.keySet()) {
            if (!ROOT_KEYS.contains(key)) {
                Node n = (Node) map.get(key);
                problems.add(new Problem(source, n.line(), n.column(), key.toString(),
                        "unknown key; the file has spec_version and workloads", null));
            }
        }
        Node list = (Node) map.get("workloads");
        if (list != null && !(list.value() instanceof List<?>)) {
            problems.add(new Problem(source, list.line(), list.column(), "workloads", "must be a list of workloads",
                    null));
        } else if (list != null) {
            List<?> items = (List<?>) list.value();
            for (int i = 0; i < items.size(); i++) {
                Workload w = workload((Node) items.get(i), "workloads[" + i + "]", source, problems);
                if (w != null) {
                    workloads.put(w.strategy(), w);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new GateConfigException(problems);
        }
        return workloads;
    }

    private static @Nullable Workload workload(Node node, String path, String source, List<Problem> problems) {
        if (!(node.value() instanceof Map<?, ?> map)) {
            problems.add(new Problem(source, node.line(), node.column(), path, "must be a mapping with teststrategy,"
                    + " script, vuser, loopcount, thinktime, acceptederrorrate, avgrtvalidation, properties", null));
            return null;
        }
        int before = problems.size();
        for (Object key : map.keySet()) {
            if (!WORKLOAD_KEYS.contains(key)) {
                Node n = (Node) map.get(key);
                problems.add(new Problem(source, n.line(), n.column(), path + "." + key, "unknown key; known keys: "
                        + String.join(", ", WORKLOAD_KEYS), null));
            }
        }
        String strategy = text(map, "teststrategy", node, path, source, problems);
        String script = text(map, "script", node, path, source, problems);
        int users = whole(map, "vuser", 1, path, source, problems, 1);
        int loops = whole(map, "loopcount", 1, path, source, problems, 1);
        int think = whole(map, "thinktime", 0, path, source, problems, 0);
        int avg = whole(map, "avgrtvalidation", 0, path, source, problems, 0);
        double rate = 0;
        Node r = (Node) map.get("acceptederrorrate");
        if (r != null) {
            String t = String.valueOf(r.value());
            try {
                rate = Double.parseDouble(t);
                if (!(rate >= 0 && rate <= 1)) {
                    problems.add(new Problem(source, r.line(), r.column(), path + ".acceptederrorrate",
                            "must be a share between 0 and 1 (0.1 accepts 10 % failed samples)", t));
                }
            } catch (NumberFormatException e) {
                problems.add(new Problem(source, r.line(), r.column(), path + ".acceptederrorrate",
                        "must be a number between 0 and 1", t));
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Node props = (Node) map.get("properties");
        if (props != null && props.value() instanceof Map<?, ?> pm) {
            pm.forEach((k, v) -> {
                Node n = (Node) v;
                if (n.value() instanceof Map || n.value() instanceof List) {
                    problems.add(new Problem(source, n.line(), n.column(), path + ".properties." + k,
                            "must be a single value", null));
                } else {
                    properties.put(k.toString(), n.value() == null ? "" : n.value().toString());
                }
            });
        } else if (props != null && props.value() != null) {
            problems.add(new Problem(source, props.line(), props.column(), path + ".properties",
                    "must be a mapping of JMeter property names to values", null));
        }
        if (problems.size() > before || strategy == null || script == null) {
            return null;
        }
        return new Workload(strategy, users, loops, think, script, rate, avg, properties);
    }

    private static @Nullable String text(Map<?, ?> map, String key, Node workload, String path, String source,
            List<Problem> problems) {
        Node n = (Node) map.get(key);
        if (n == null || n.value() == null || n.value().toString().isBlank()) {
            Node at = n == null ? workload : n;
            problems.add(new Problem(source, at.line(), at.column(), path + "." + key, "is required", null));
            return null;
        }
        if (n.value() instanceof Map || n.value() instanceof List) {
            problems.add(new Problem(source, n.line(), n.column(), path + "." + key, "must be text", null));
            return null;
        }
        return n.value().toString();
    }

    private static int whole(Map<?, ?> map, String key, int fallback, String path, String source,
            List<Problem> problems, int min) {
        Node n = (Node) map.get(key);
        if (n == null || n.value() == null) {
            return fallback;
        }
        String t = n.value().toString();
        try {
            int v = Integer.parseInt(t);
            if (v < min) {
                problems.add(new Problem(source, n.line(), n.column(), path + "." + key, "must be at least " + min, t));
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(new Problem(source, n.line(), n.column(), path + "." + key, "must be a whole number", t));
            return fallback;
        }
    }

    private static Node node(JsonParser p, JsonToken token) {
        TokenStreamLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        switch (token) {
            case START_OBJECT: {
                Map<String, Node> map = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    map.put(key, node(p, p.nextToken()));
                }
                return new Node(map, line, column);
            }
            case START_ARRAY: {
                List<Node> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(node(p, t));
                }
                return new Node(list, line, column);
            }
            case VALUE_NULL:
                return new Node(null, line, column);
            default:
                return new Node(p.getString(), line, column);
        }
    }
}
