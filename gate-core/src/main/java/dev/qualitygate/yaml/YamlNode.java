package dev.qualitygate.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML node with the line and column where it starts; the located tree every document is bound from. */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Seq {

    int line();

    int column();

    /** How the YAML parser resolved a scalar: quoted scalars are always strings. */
    enum ScalarKind {
        STRING, INTEGER, FLOAT, BOOLEAN, NULL
    }

    /** A scalar with its text as written (without quotes) and its resolved kind. */
    record Scalar(String text, ScalarKind kind, int line, int column) implements YamlNode {
        boolean isNull() {
            return kind == ScalarKind.NULL;
        }
    }

    /** A key with the location of the key itself. */
    record Entry(String key, int line, int column, YamlNode value) {
    }

    /** A mapping; keys in file order, duplicates already reported and dropped. */
    record Mapping(LinkedHashMap<String, Entry> entries, int line, int column) implements YamlNode {
        Map<String, Entry> map() {
            return entries;
        }
    }

    /** A sequence. */
    record Seq(List<YamlNode> items, int line, int column) implements YamlNode {
    }

    /** A word for the node's type, for messages such as "must be a list, was a mapping". */
    static String describe(YamlNode node) {
        if (node instanceof Mapping) {
            return "a mapping";
        }
        if (node instanceof Seq) {
            return "a list";
        }
        switch (((Scalar) node).kind()) {
            case NULL:
                return "empty";
            case INTEGER:
            case FLOAT:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            default:
                return "a string";
        }
    }
}
