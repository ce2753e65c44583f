package dev.qualitygate.yaml;

import dev.qualitygate.error.Problem;
import dev.qualitygate.internal.Messages;
import jakarta.validation.ConstraintViolation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed values out of a located YAML tree the way Keptn's Go decoder did, collecting a {@link Problem} for
 * every mistake instead of stopping at the first, and remembering where each bound value came from so that Jakarta
 * Validation's violations can be located too.
 */
final class Binder {
    private static final Set<String> TRUE = Set.of("true", "yes", "y", "on");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "off");

    /** Where a bound value came from. */
    private record Site(String yamlPath, int line, int column, @Nullable String text) {
    }

    private final String source;
    private final List<Problem> problems;
    private final Map<String, Site> sites = new HashMap<>();

    Binder(String source, List<Problem> problems) {
        this.source = source;
        this.problems = problems;
    }

    String source() {
        return source;
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    void problem(YamlNode at, String path, String message, @Nullable String value) {
        problems.add(new Problem(source, at.line(), at.column(), path, message, value));
    }

    void problem(int line, int column, String path, String message, @Nullable String value) {
        problems.add(new Problem(source, line, column, path, message, value));
    }

    /** A problem located at the site recorded for {@code javaPath} (see {@link #site}). */
    void problemAt(String javaPath, String message, @Nullable String value) {
        Site site = sites.get(javaPath);
        if (site == null) {
            problems.add(new Problem(source, 0, 0, javaPath, message, value));
        } else {
            problems.add(new Problem(source, site.line(), site.column(), site.yamlPath(), message, value));
        }
    }

    /** Records that the Java property {@code javaPath} was bound from {@code node} at {@code yamlPath}. */
    void site(String javaPath, String yamlPath, YamlNode node) {
        String text = node instanceof YamlNode.Scalar s && !s.isNull() ? s.text() : null;
        sites.put(javaPath, new Site(yamlPath, node.line(), node.column(), text));
    }

    static boolean isNull(@Nullable YamlNode node) {
        return node == null || node instanceof YamlNode.Scalar s && s.isNull();
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The mapping, or {@code null} when absent or empty; reports any other type. */
    YamlNode.@Nullable Mapping mapping(@Nullable YamlNode node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        problem(node, path, "must be a mapping of keys to values, was " + YamlNode.describe(node), text(node));
        return null;
    }

    /** The items, empty when absent or empty; reports any other type. */
    List<YamlNode> list(@Nullable YamlNode node, String path) {
        if (isNull(node)) {
            return List.of();
        }
        if (node instanceof YamlNode.Seq s) {
            return s.items();
        }
        problem(node, path, "must be a list, was " + YamlNode.describe(node), text(node));
        return List.of();
    }

    /** A scalar's text (numbers and booleans as written, as Go's decoder does for string fields). */
    @Nullable String string(@Nullable YamlNode node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof YamlNode.Scalar s) {
            return s.text();
        }
        problem(node, path, "must be a single value, was " + YamlNode.describe(node), null);
        return null;
    }

    /** A whole number written as a plain YAML integer. */
    @Nullable Integer integer(@Nullable YamlNode node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof YamlNode.Scalar s) {
            if (s.kind() == YamlNode.ScalarKind.INTEGER) {
                BigInteger value = parseInteger(s.text());
                if (value != null && value.bitLength() < 32) {
                    return value.intValue();
                }
                problem(node, path, "is out of range", s.text());
                return null;
            }
            if (s.kind() == YamlNode.ScalarKind.FLOAT) {
                problem(node, path, "must be a whole number", s.text());
                return null;
            }
            problem(node, path, "must be a whole number, was " + YamlNode.describe(node), s.text());
            return null;
        }
        problem(node, path, "must be a whole number, was " + YamlNode.describe(node), null);
        return null;
    }

    /** A boolean; {@code yes/no/on/off/y/n} are accepted as Keptn's decoder accepted them. */
    @Nullable Boolean bool(@Nullable YamlNode node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof YamlNode.Scalar s) {
            String t = s.text().toLowerCase(Locale.ROOT);
            if (TRUE.contains(t)) {
                return Boolean.TRUE;
            }
            if (FALSE.contains(t)) {
                return Boolean.FALSE;
            }
            problem(node, path, "must be true or false", s.text());
            return null;
        }
        problem(node, path, "must be true or false, was " + YamlNode.describe(node), null);
        return null;
    }

    /** A mapping of strings to strings (for example {@code filter} or {@code indicators}). */
    Map<String, String> stringMap(YamlNode.@Nullable Mapping mapping, String path, String javaPath) {
        Map<String, String> result = new LinkedHashMap<>();
        if (mapping == null) {
            return result;
        }
        for (YamlNode.Entry e : mapping.entries().values()) {
            String childPath = child(path, e.key());
            site(javaPath + "[" + e.key() + "]", childPath, e.value());
            if (isNull(e.value())) {
                result.put(e.key(), "");
                continue;
            }
            String value = string(e.value(), childPath);
            if (value != null) {
                result.put(e.key(), value);
            }
        }
        return result;
    }

    /** Reports every key of {@code mapping} that is not in {@code allowed}, suggesting the closest one. */
    void checkKeys(YamlNode.Mapping mapping, String path, Collection<String> allowed) {
        for (YamlNode.Entry e : mapping.entries().values()) {
            if (!allowed.contains(e.key())) {
                String suggestion = Messages.suggest(e.key(), allowed);
                problem(e.line(), e.column(), child(path, e.key()),
                        "unknown key" + (suggestion == null
                                ? "; the keys allowed here are " + String.join(", ", allowed)
                                : "; did you mean " + suggestion + "?"),
                        null);
            }
        }
    }

    /** The value of a key, or {@code null} when the key is absent. */
    static @Nullable YamlNode get(YamlNode.Mapping mapping, String key) {
        YamlNode.Entry e = mapping.entries().get(key);
        return e == null ? null : e.value();
    }

    /** Converts Jakarta Validation violations into located problems. */
    <T> void violations(Set<ConstraintViolation<T>> violations, YamlNode root) {
        List<Problem> found = new ArrayList<>();
        for (ConstraintViolation<T> v : violations) {
            String javaPath = normalize(v.getPropertyPath().toString());
            Site site = sites.get(javaPath);
            Object invalid = v.getInvalidValue();
            String value = invalid instanceof String || invalid instanceof Number ? invalid.toString() : null;
            if (site == null) {
                found.add(new Problem(source, root.line(), root.column(), javaPath, v.getMessage(), value));
            } else {
                found.add(new Problem(source, site.line(), site.column(), site.yamlPath(), v.getMessage(),
                        value != null ? value : site.text()));
            }
        }
        problems.addAll(found);
    }

    private static String normalize(String path) {
        return path.replace(".<list element>", "").replace(".<map value>", "").replace(".<iterable element>", "")
                .replace("<list element>", "").replace("<map value>", "");
    }

    private static @Nullable BigInteger parseInteger(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0o") || t.startsWith("0O")) {
            radix = 8;
            t = t.substring(2);
        }
        try {
            BigInteger value = new BigInteger(t, radix);
            return negative ? value.negate() : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable String text(@Nullable YamlNode node) {
        return node instanceof YamlNode.Scalar s && !s.isNull() ? s.text() : null;
    }

    /** A mapping as plain Java values (strings, BigInteger, Double, Boolean, lists, maps); nulls dropped. */
    static Map<String, Object> toObjectMap(YamlNode.Mapping mapping) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (YamlNode.Entry e : mapping.entries().values()) {
            Object value = toObject(e.value());
            if (value != null) {
                result.put(e.key(), value);
            }
        }
        return result;
    }

    private static @Nullable Object toObject(YamlNode node) {
        if (node instanceof YamlNode.Mapping m) {
            return toObjectMap(m);
        }
        if (node instanceof YamlNode.Seq s) {
            List<Object> list = new ArrayList<>();
            for (YamlNode item : s.items()) {
                Object v = toObject(item);
                if (v != null) {
                    list.add(v);
                }
            }
            return list;
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        switch (s.kind()) {
            case NULL:
                return null;
            case BOOLEAN:
                return Boolean.valueOf(s.text().equalsIgnoreCase("true"));
            case INTEGER:
                try {
                    return new BigInteger(s.text().replace("_", ""));
                } catch (NumberFormatException e) {
                    return s.text();
                }
            case FLOAT:
                try {
                    return Double.valueOf(s.text());
                } catch (NumberFormatException e) {
                    return s.text();
                }
            default:
                return s.text();
        }
    }
}
