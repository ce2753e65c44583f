package dev.qualitygate.yaml;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.model.GateSettings;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.SliConfig;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.shipyard.Shipyard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Loads and validates Keptn's {@code slo.yaml}, {@code sli.yaml} and {@code shipyard.yaml} exactly as Keptn users
 * wrote them (snake_case keys, both shipyard formats).
 *
 * <p>Every read either returns a valid model or throws one {@link GateConfigException} that lists every problem of
 * the file at once, each located as {@code FILE:LINE:COLUMN: key.path: message (was "X")}. Hostile input (aliases,
 * deep nesting, files over 1 MiB, invalid UTF-8) is refused before it costs time or memory. All methods are
 * thread-safe.
 *
 * <pre>{@code
 * Slo slo = GateYaml.readSlo(Path.of("slo.yaml"));
 * }</pre>
 *
 * @since 0.1
 */
public final class GateYaml {
    private static final Set<String> SLO_KEYS = Set.of("objectives", "total_score", "comparison", "filter");
    private static final Set<String> SHIPYARD_KEYS = Set.of("apiVersion", "kind", "metadata", "spec", "stages",
            "registry");

    private GateYaml() {
    }

    /**
     * Reads an SLO file.
     *
     * @param file the file
     * @return the SLO, with Keptn's defaults applied
     * @throws GateConfigException if the file cannot be read or is invalid; lists every problem
     */
    public static Slo readSlo(Path file) {
        return read(file, SloDocument::read);
    }

    /**
     * Reads an SLO from bytes.
     *
     * @param content the file content
     * @param source the name used in problems, such as the file name
     * @return the SLO
     * @throws GateConfigException if the content is invalid
     */
    public static Slo readSlo(byte[] content, String source) {
        return read(content, source, SloDocument::read);
    }

    /**
     * Reads an SLO from text.
     *
     * @param content the YAML text
     * @param source the name used in problems
     * @return the SLO
     * @throws GateConfigException if the content is invalid
     */
    public static Slo readSlo(String content, String source) {
        return readSlo(content.getBytes(StandardCharsets.UTF_8), source);
    }

    /**
     * Reads an SLI file.
     *
     * @param file the file
     * @return the SLI configuration
     * @throws GateConfigException if the file cannot be read or is invalid
     */
    public static SliConfig readSli(Path file) {
        return read(file, SliDocument::read);
    }

    /**
     * Reads an SLI file from bytes.
     *
     * @param content the file content
     * @param source the name used in problems
     * @return the SLI configuration
     * @throws GateConfigException if the content is invalid
     */
    public static SliConfig readSli(byte[] content, String source) {
        return read(content, source, SliDocument::read);
    }

    /**
     * Reads a shipyard file in either Keptn format.
     *
     * @param file the file
     * @return the shipyard
     * @throws GateConfigException if the file cannot be read or is invalid
     */
    public static Shipyard readShipyard(Path file) {
        return read(file, ShipyardDocument::read);
    }

    /**
     * Reads a shipyard from bytes.
     *
     * @param content the file content
     * @param source the name used in problems
     * @return the shipyard
     * @throws GateConfigException if the content is invalid
     */
    public static Shipyard readShipyard(byte[] content, String source) {
        return read(content, source, ShipyardDocument::read);
    }

    /**
     * Reads indicator values from YAML or JSON: a mapping of SLI name to a number (measured), or to a string or
     * {@code null} (the retrieval failed; the string is the reason).
     *
     * <pre>{@code
     * response_time_p95: 420.5
     * error_rate: "Prometheus answered 503"
     * throughput: null
     * }</pre>
     *
     * @param content the file content
     * @param source the name used in problems
     * @return the values, in file order
     * @throws GateConfigException if the content is not such a mapping; lists every problem
     */
    public static IndicatorValues readValues(byte[] content, String source) {
        return read(content, source, ValuesDocument::read);
    }

    /**
     * Reads indicator values from a file (see {@link #readValues(byte[], String)}).
     *
     * @param file a YAML or JSON file
     * @return the values
     * @throws GateConfigException if the file cannot be read or is invalid
     */
    public static IndicatorValues readValues(Path file) {
        return read(file, ValuesDocument::read);
    }

    /**
     * Reads a gate configuration file: the metric sources SLI files refer to, and the history store (see
     * {@link GateSettings}).
     *
     * @param file the file, usually {@code gate.yaml}
     * @return the settings
     * @throws GateConfigException if the file cannot be read or is invalid
     */
    public static GateSettings readSettings(Path file) {
        return read(file, SettingsDocument::read);
    }

    /**
     * Reads a gate configuration from bytes.
     *
     * @param content the file content
     * @param source the name used in problems
     * @return the settings
     * @throws GateConfigException if the content is invalid
     */
    public static GateSettings readSettings(byte[] content, String source) {
        return read(content, source, SettingsDocument::read);
    }

    /**
     * A position in a file.
     *
     * @param line the 1-based line
     * @param column the 1-based column
     * @since 0.1
     */
    public record Position(int line, int column) {
    }

    /**
     * Where a character of an indicator's query is written in an SLI file, so that a problem found inside the query
     * (see {@link dev.qualitygate.spi.MetricSource#check(String, String)}) can name the file, line and column.
     *
     * @param content the SLI file's content
     * @param source the name used in problems
     * @param indicator the SLI name
     * @param queryColumn the 1-based position of the character in the query, or 0 for the query as a whole
     * @return the character's position when the query is written on its line as it reads (plain, or quoted with no
     *     escape before that character); otherwise where the query's value starts; empty when the content is not
     *     valid YAML or has no such indicator
     * @since 0.1
     */
    public static Optional<Position> sliQueryPosition(byte[] content, String source, String indicator,
            int queryColumn) {
        YamlNode root = YamlReader.read(content, source, new ArrayList<>());
        YamlNode indicators = root instanceof YamlNode.Mapping map ? Binder.get(map, "indicators") : null;
        YamlNode query = indicators instanceof YamlNode.Mapping map ? Binder.get(map, indicator) : null;
        if (!(query instanceof YamlNode.Scalar scalar)) {
            return Optional.empty();
        }
        Position start = new Position(scalar.line(), scalar.column());
        if (queryColumn <= 1) {
            return Optional.of(start);
        }
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\\R", -1);
        if (scalar.line() > lines.length) {
            return Optional.of(start);
        }
        String line = lines[scalar.line() - 1];
        int at = scalar.column() - 1;
        if (at < line.length() && (line.charAt(at) == '"' || line.charAt(at) == '\'')) {
            at++;
        }
        String prefix = scalar.text().substring(0, Math.min(queryColumn - 1, scalar.text().length()));
        return Optional.of(line.startsWith(prefix, at) && prefix.length() == queryColumn - 1
                ? new Position(scalar.line(), at + queryColumn) : start);
    }

    /**
     * Validates a file, telling SLO, SLI and shipyard files apart by their content.
     *
     * @param file the file
     * @return the report; never throws for invalid content
     */
    public static ValidationReport validate(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new ValidationReport(file.toString(), null, List.of(unreadable(file, e)), List.of());
        }
        return validate(bytes, file.toString(), null);
    }

    /**
     * Validates content as the given kind, or as the kind its content shows.
     *
     * @param content the file content
     * @param source the name used in problems; its name also hints the kind of a file with too little content
     * @param kind the kind to validate as, or {@code null} to detect it
     * @return the report
     */
    public static ValidationReport validate(byte[] content, String source, @Nullable DocumentKind kind) {
        List<Problem> problems = new ArrayList<>();
        YamlNode root = YamlReader.read(content, source, problems);
        if (root == null) {
            return new ValidationReport(source, kind, problems, List.of());
        }
        if (Binder.isNull(root)) {
            problems.add(emptyFile(source));
            return new ValidationReport(source, kind, problems, List.of());
        }
        DocumentKind detected = kind != null ? kind : detect(root, source, problems);
        if (detected == null) {
            return new ValidationReport(source, null, problems, List.of());
        }
        Binder binder = new Binder(source, problems);
        List<String> notes = new ArrayList<>();
        switch (detected) {
            case SLO: {
                Slo slo = SloDocument.read(root, binder);
                if (slo != null) {
                    notes.addAll(notes(slo));
                }
                break;
            }
            case SLI: {
                SliConfig sli = SliDocument.read(root, binder);
                if (sli != null && sli.indicators().isEmpty()) {
                    notes.add("declares no indicators: every objective that needs one of its SLIs fails");
                }
                break;
            }
            default:
                ShipyardDocument.read(root, binder);
                break;
        }
        return new ValidationReport(source, detected, problems, notes);
    }

    private static List<String> notes(Slo slo) {
        List<String> notes = new ArrayList<>();
        if (slo.objectives().isEmpty()) {
            notes.add("has no objectives: evaluating it gives fail, as in Keptn");
        } else if (slo.totalScore() == null && !slo.objectives().stream().allMatch(Objective::informational)) {
            notes.add("has no total_score.pass: evaluating it ends errored with result fail, as in Keptn");
        }
        return notes;
    }

    private static @Nullable DocumentKind detect(YamlNode root, String source, List<Problem> problems) {
        if (!(root instanceof YamlNode.Mapping map)) {
            problems.add(new Problem(source, root.line(), root.column(), "",
                    "must be a mapping with SLO, SLI or shipyard keys, was " + YamlNode.describe(root), null));
            return null;
        }
        Set<String> keys = map.entries().keySet();
        if (keys.stream().anyMatch(SLO_KEYS::contains)) {
            return DocumentKind.SLO;
        }
        if (keys.contains("indicators")) {
            return DocumentKind.SLI;
        }
        if (keys.stream().anyMatch(SHIPYARD_KEYS::contains)) {
            return DocumentKind.SHIPYARD;
        }
        String name = Path.of(source).getFileName() == null ? source
                : Path.of(source).getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.contains("sli")) {
            return DocumentKind.SLI;
        }
        if (name.contains("slo")) {
            return DocumentKind.SLO;
        }
        if (name.contains("shipyard")) {
            return DocumentKind.SHIPYARD;
        }
        problems.add(new Problem(source, root.line(), root.column(), "",
                "cannot tell whether this is an SLO, SLI or shipyard file: it has none of the keys objectives,"
                        + " indicators or stages", null));
        return null;
    }

    private static <T> T read(Path file, BiFunction<YamlNode, Binder, @Nullable T> reader) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GateConfigException(unreadable(file, e));
        }
        return read(bytes, file.toString(), reader);
    }

    private static <T> T read(byte[] content, String source, BiFunction<YamlNode, Binder, @Nullable T> reader) {
        List<Problem> problems = new ArrayList<>();
        YamlNode root = YamlReader.read(content, source, problems);
        if (root != null && Binder.isNull(root)) {
            problems.add(emptyFile(source));
        }
        T result = null;
        if (root != null && !Binder.isNull(root)) {
            result = reader.apply(root, new Binder(source, problems));
        }
        if (result == null || !problems.isEmpty()) {
            throw new GateConfigException(problems.isEmpty()
                    ? List.of(Problem.of(source, "the document could not be read")) : problems);
        }
        return result;
    }

    private static Problem emptyFile(String source) {
        return new Problem(source, 1, 1, "", "the file is empty", null);
    }

    private static Problem unreadable(Path file, IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such file" : e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return Problem.of(file.toString(), "cannot read the file: " + reason);
    }
}
