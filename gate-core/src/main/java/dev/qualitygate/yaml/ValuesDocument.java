package dev.qualitygate.yaml;

import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.IndicatorValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads a values file: SLI name to number, or to a string or null for a failed retrieval. */
final class ValuesDocument {
    private ValuesDocument() {
    }

    static @Nullable IndicatorValues read(YamlNode root, Binder b) {
        YamlNode.Mapping map = b.mapping(root, "");
        if (map == null) {
            return null;
        }
        Map<String, IndicatorValue> values = new LinkedHashMap<>();
        for (YamlNode.Entry e : map.entries().values()) {
            YamlNode v = e.value();
            if (Binder.isNull(v)) {
                values.put(e.key(), IndicatorValue.failed("no value (null in the values file)"));
                continue;
            }
            if (!(v instanceof YamlNode.Scalar s)) {
                b.problem(v, e.key(), "must be a number, or a string saying why the value is missing; was "
                        + YamlNode.describe(v), null);
                continue;
            }
            switch (s.kind()) {
                case INTEGER:
                case FLOAT:
                    double d = number(s.text());
                    values.put(e.key(), Double.isFinite(d) ? IndicatorValue.of(d)
                            : IndicatorValue.failed("the value is not a finite number (" + s.text() + ")"));
                    break;
                case STRING:
                    values.put(e.key(), IndicatorValue.failed(s.text().isBlank() ? "no value" : s.text()));
                    break;
                default:
                    b.problem(v, e.key(), "must be a number, or a string saying why the value is missing; was "
                            + YamlNode.describe(v), s.text());
                    break;
            }
        }
        return b.hasProblems() ? null : new IndicatorValues(values);
    }

    private static double number(String text) {
        String t = text.replace("_", "");
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".nan")) {
            return Double.NaN;
        }
        if (lower.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            if (lower.startsWith("0x") || lower.startsWith("-0x") || lower.startsWith("+0x")) {
                return Long.decode(t);
            }
            if (lower.startsWith("0o")) {
                return Long.parseLong(t.substring(2), 8);
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
