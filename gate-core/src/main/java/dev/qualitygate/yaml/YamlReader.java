package dev.qualitygate.yaml;

import dev.qualitygate.error.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads YAML bytes into a located {@link YamlNode} tree with Jackson's YAML parser, refusing hostile input early:
 * files above {@value #MAX_BYTES} bytes, invalid UTF-8, aliases (the "billion laughs" expansion), nesting deeper
 * than {@value #MAX_DEPTH}, and more than one document. Duplicate keys are reported, all of them, and the first
 * value is kept. Thread-safe.
 */
final class YamlReader {
    /** Largest accepted file: Keptn files are a few kilobytes. */
    static final int MAX_BYTES = 1 << 20;
    /** Deepest accepted nesting of mappings and lists. */
    static final int MAX_DEPTH = 32;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loadSettings(LoadSettings.builder()
                    .setSchema(new CoreSchema())
                    .setAllowDuplicateKeys(true)
                    .setAllowRecursiveKeys(false)
                    .setMaxAliasesForCollections(0)
                    .setCodePointLimit(MAX_BYTES)
                    .setAllowNonScalarKeys(false)
                    .build())
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(MAX_BYTES)
                    .maxStringLength(MAX_BYTES)
                    .maxNumberLength(100)
                    .build())
            .build();

    private YamlReader() {
    }

    /**
     * Parses a document.
     *
     * @return the root node, or {@code null} if the input is unusable (the reason is in {@code problems}); a file
     *     with no content gives a {@code NULL} scalar
     */
    static @Nullable YamlNode read(byte[] bytes, String source, List<Problem> problems) {
        if (bytes.length > MAX_BYTES) {
            problems.add(Problem.of(source, "the file has " + bytes.length + " bytes, more than the " + MAX_BYTES
                    + " accepted; SLO, SLI and shipyard files are a few kilobytes"));
            return null;
        }
        String text = decode(bytes, source, problems);
        if (text == null) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode.Scalar("", YamlNode.ScalarKind.NULL, 1, 1);
            }
            YamlNode root = readValue((YAMLParser) parser, first, "", source, problems);
            JsonToken next = parser.nextToken();
            if (next != null) {
                TokenStreamLocation at = parser.currentTokenLocation();
                problems.add(new Problem(source, at.getLineNr(), at.getColumnNr(), "",
                        "the file holds more than one YAML document; put each document in its own file", null));
            }
            return root;
        } catch (StreamConstraintsException e) {
            TokenStreamLocation at = e.getLocation();
            problems.add(new Problem(source, line(at), column(at), "",
                    "the document is nested deeper than " + MAX_DEPTH + " levels or has an oversized value", null));
            return null;
        } catch (JacksonException e) {
            problems.add(syntaxProblem(e, source));
            return null;
        }
    }

    private static YamlNode readValue(YAMLParser p, JsonToken token, String path, String source,
            List<Problem> problems) {
        TokenStreamLocation at = p.currentTokenLocation();
        int line = line(at);
        int column = column(at);
        if (p.isCurrentAlias()) {
            problems.add(new Problem(source, line, column, path,
                    "YAML aliases are not supported: write the value out instead of referring to an anchor",
                    "*" + p.getString()));
            return new YamlNode.Scalar("", YamlNode.ScalarKind.NULL, line, column);
        }
        switch (token) {
            case START_OBJECT: {
                LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    TokenStreamLocation keyAt = p.currentTokenLocation();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    YamlNode value = readValue(p, p.nextToken(), childPath, source, problems);
                    YamlNode.Entry entry = new YamlNode.Entry(key, line(keyAt), column(keyAt), value);
                    YamlNode.Entry earlier = entries.putIfAbsent(key, entry);
                    if (earlier != null) {
                        problems.add(new Problem(source, entry.line(), entry.column(), childPath,
                                "duplicate key: it was already set on line " + earlier.line()
                                        + "; keep only one of them", null));
                    }
                }
                return new YamlNode.Mapping(entries, line, column);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    items.add(readValue(p, t, path + "[" + items.size() + "]", source, problems));
                }
                return new YamlNode.Seq(items, line, column);
            }
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(p.getString(), YamlNode.ScalarKind.INTEGER, line, column);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(p.getString(), YamlNode.ScalarKind.FLOAT, line, column);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(p.getString(), YamlNode.ScalarKind.BOOLEAN, line, column);
            case VALUE_NULL:
                return new YamlNode.Scalar("", YamlNode.ScalarKind.NULL, line, column);
            case VALUE_STRING:
                return new YamlNode.Scalar(p.getString(), YamlNode.ScalarKind.STRING, line, column);
            default:
                problems.add(new Problem(source, line, column, path,
                        "unsupported YAML value (binary or tagged object); write a plain string, number or list",
                        null));
                return new YamlNode.Scalar("", YamlNode.ScalarKind.NULL, line, column);
        }
    }

    private static @Nullable String decode(byte[] bytes, String source, List<Problem> problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(in).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int offset = firstInvalidUtf8(bytes);
            int line = 1;
            int column = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            problems.add(new Problem(source, line, column, "",
                    String.format(Locale.ROOT, "the file is not valid UTF-8: byte 0x%02X at offset %d cannot start"
                            + " or continue a character; save the file as UTF-8", bytes[offset] & 0xFF, offset),
                    null));
            return null;
        }
    }

    /** Offset of the first byte that is not part of a well-formed UTF-8 sequence. */
    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static Problem syntaxProblem(JacksonException e, String source) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYamlEngineException yaml) {
            Mark mark = yaml.getProblemMark().or(yaml::getContextMark).orElse(null);
            StringBuilder message = new StringBuilder("YAML syntax error: ");
            if (yaml.getContext() != null && !yaml.getContext().isBlank()) {
                message.append(yaml.getContext().strip()).append(": ");
            }
            message.append(yaml.getProblem() == null ? "unreadable YAML" : yaml.getProblem().strip());
            return new Problem(source, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "", message.toString(), null);
        }
        TokenStreamLocation at = e.getLocation();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return new Problem(source, line(at), column(at), "", "YAML syntax error: " + firstLine(message), null);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static int line(@Nullable TokenStreamLocation at) {
        return at == null || at.getLineNr() < 0 ? 0 : at.getLineNr();
    }

    private static int column(@Nullable TokenStreamLocation at) {
        return at == null || at.getColumnNr() < 0 ? 0 : at.getColumnNr();
    }
}
