package dev.qualitygate.report;

import dev.qualitygate.criteria.Criterion;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.EvaluationStatus;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.KeySliFailure;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Target;
import dev.qualitygate.model.TargetBasis;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts evaluation results to and from JSON in the shape of the {@code data} of Keptn's
 * {@code sh.keptn.event.evaluation.finished} event, with QualityGate's additions ({@code id}, {@code time},
 * {@code evaluation.keySliFailure}, and per objective {@code weight} and {@code explanation}, per target
 * {@code basis} and {@code comparedValue}). Keptn tools ignore the additions; reading our own output back gives an
 * equal result.
 *
 * <p>Reading is lenient in what Keptn users have: a bare data object, a whole CloudEvent of that type, an array of
 * either, or the datastore's {@code {"events": [...]}} page (in which evaluations invalidated by an
 * {@code sh.keptn.event.evaluation.invalidated} event are dropped). The smallest accepted evaluation is
 * {@code {"result":"pass","evaluation":{"indicatorResults":[{"value":{"metric":"rt","value":200,"success":true}}]}}}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class EvaluationJson {
    /** The CloudEvent type of a finished evaluation. */
    public static final String FINISHED_TYPE = "sh.keptn.event.evaluation.finished";
    /** The CloudEvent type that marks an evaluation as not to be used as a baseline. */
    public static final String INVALIDATED_TYPE = "sh.keptn.event.evaluation.invalidated";

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build()).build();

    private EvaluationJson() {
    }

    /**
     * Writes a result as one line of compact JSON (no trailing newline).
     *
     * @param result the result
     * @return the JSON text
     */
    public static String write(EvaluationResult result) {
        StringWriter out = new StringWriter(2048);
        write(result, out, false);
        return out.toString();
    }

    /**
     * Writes a result as indented JSON.
     *
     * @param result the result
     * @return the JSON text
     */
    public static String writePretty(EvaluationResult result) {
        StringWriter out = new StringWriter(4096);
        write(result, out, true);
        return out.toString();
    }

    /**
     * Writes a list of results as an indented JSON array, in list order.
     *
     * @param results the results
     * @return the JSON text
     */
    public static String writeArray(List<EvaluationResult> results) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.writerWithDefaultPrettyPrinter().createGenerator(out)) {
            g.writeStartArray();
            for (EvaluationResult r : results) {
                writeResult(g, r);
            }
            g.writeEndArray();
        }
        return out.toString();
    }

    private static void write(EvaluationResult result, Writer out, boolean pretty) {
        try (JsonGenerator g = pretty
                ? MAPPER.writerWithDefaultPrettyPrinter().createGenerator(out)
                : MAPPER.createGenerator(out)) {
            writeResult(g, result);
        }
    }

    private static void writeResult(JsonGenerator g, EvaluationResult r) {
        g.writeStartObject();
        if (!r.id().isEmpty()) {
            g.writeStringProperty("id", r.id());
        }
        if (r.time() != null) {
            g.writeStringProperty("time", r.time().toString());
        }
        if (!r.project().isEmpty()) {
            g.writeStringProperty("project", r.project());
        }
        if (!r.stage().isEmpty()) {
            g.writeStringProperty("stage", r.stage());
        }
        if (!r.service().isEmpty()) {
            g.writeStringProperty("service", r.service());
        }
        if (!r.labels().isEmpty()) {
            g.writeName("labels");
            g.writeStartObject();
            for (Map.Entry<String, String> e : r.labels().entrySet()) {
                g.writeStringProperty(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeStringProperty("status", r.status().keyword());
        g.writeStringProperty("result", r.result().keyword());
        if (!r.message().isEmpty()) {
            g.writeStringProperty("message", r.message());
        }
        g.writeName("evaluation");
        g.writeStartObject();
        if (r.timeframe() != null) {
            g.writeStringProperty("timeStart", r.timeframe().start().toString());
            g.writeStringProperty("timeEnd", r.timeframe().end().toString());
        }
        g.writeStringProperty("result", r.evaluationResult().keyword());
        number(g, "score", r.score());
        g.writeStringProperty("sloFileContent", r.sloFileContent());
        g.writeName("indicatorResults");
        if (r.indicatorResults().isEmpty()) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (IndicatorResult ir : r.indicatorResults()) {
                writeIndicator(g, ir);
            }
            g.writeEndArray();
        }
        if (!r.comparedEvents().isEmpty()) {
            g.writeName("comparedEvents");
            g.writeStartArray();
            for (String id : r.comparedEvents()) {
                g.writeString(id);
            }
            g.writeEndArray();
        }
        KeySliFailure kf = r.keySliFailure();
        if (kf != null) {
            g.writeName("keySliFailure");
            g.writeStartObject();
            g.writeStringProperty("sli", kf.sli());
            g.writeStringProperty("displayName", kf.displayName());
            g.writeStringProperty("reason", kf.reason());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeIndicator(JsonGenerator g, IndicatorResult ir) {
        g.writeStartObject();
        number(g, "score", ir.score());
        g.writeName("value");
        g.writeStartObject();
        g.writeStringProperty("metric", ir.sli());
        number(g, "value", ir.value());
        number(g, "comparedValue", ir.comparedValue());
        g.writeBooleanProperty("success", ir.success());
        if (!ir.message().isEmpty()) {
            g.writeStringProperty("message", ir.message());
        }
        g.writeEndObject();
        g.writeStringProperty("displayName", ir.displayName());
        // Keptn: null for an evaluated objective without such criteria, [] for info and failed objectives.
        boolean emptyAsList = ir.status() == ObjectiveStatus.INFO || !ir.success();
        writeTargets(g, "passTargets", ir.passTargets(), emptyAsList);
        writeTargets(g, "warningTargets", ir.warningTargets(), emptyAsList);
        g.writeBooleanProperty("keySli", ir.keySli());
        g.writeStringProperty("status", ir.status().keyword());
        g.writeNumberProperty("weight", ir.weight());
        g.writeStringProperty("explanation", ir.explanation());
        g.writeEndObject();
    }

    private static void writeTargets(JsonGenerator g, String name, List<Target> targets, boolean emptyAsList) {
        g.writeName(name);
        if (targets.isEmpty() && !emptyAsList) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (Target t : targets) {
            g.writeStartObject();
            g.writeStringProperty("criteria", t.criteria());
            number(g, "targetValue", t.targetValue());
            g.writeBooleanProperty("violated", t.violated());
            g.writeStringProperty("basis", t.basis().name().toLowerCase(Locale.ROOT));
            if (t.basis() == TargetBasis.BASELINE) {
                number(g, "comparedValue", t.comparedValue());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Integral values as integers (as Keptn's Go encoder wrote them), others as the shortest double. */
    private static void number(JsonGenerator g, String name, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && (value != 0 || 1 / value > 0)) {
            g.writeNumberProperty(name, (long) value);
        } else {
            g.writeNumberProperty(name, value);
        }
    }

    /**
     * Reads one result: a data object or a whole CloudEvent.
     *
     * @param json the JSON text
     * @param source the name used in problems
     * @return the result
     * @throws GateConfigException if the text is not JSON or not an evaluation; lists every problem
     */
    public static EvaluationResult read(String json, String source) {
        JsonNode root = parse(json, source);
        List<Problem> problems = new ArrayList<>();
        EvaluationResult result = readEvaluation(root, "", source, problems);
        if (!problems.isEmpty() || result == null) {
            throw new GateConfigException(problems.isEmpty() ? List.of(Problem.of(source, "not an evaluation"))
                    : problems);
        }
        return result;
    }

    /**
     * Reads earlier evaluations, oldest first: a JSON array of data objects or CloudEvents (taken in array order,
     * which must be oldest first), a single object, or Keptn's datastore page {@code {"events": [...]}} (sorted by
     * event time; evaluations that an {@code evaluation.invalidated} event names are dropped). Events of other types
     * are ignored. An entry without an id gets {@code "#n"}, its 1-based position, so that results can name it in
     * {@code comparedEvents}.
     *
     * @param json the JSON text
     * @param source the name used in problems
     * @return the evaluations, oldest first
     * @throws GateConfigException if the text is not JSON or an entry is not an evaluation; lists every problem
     */
    public static List<EvaluationResult> readHistory(String json, String source) {
        JsonNode root = parse(json, source);
        List<Problem> problems = new ArrayList<>();
        List<EvaluationResult> results = new ArrayList<>();
        if (root.isObject() && root.has("events") && root.get("events").isArray()) {
            JsonNode events = root.get("events");
            Set<String> invalidated = new HashSet<>();
            for (JsonNode e : events) {
                if (INVALIDATED_TYPE.equals(e.path("type").asString(""))) {
                    invalidated.add(e.path("triggeredid").asString(""));
                }
            }
            List<EvaluationResult> page = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                JsonNode e = events.get(i);
                if (!isFinishedEvaluation(e)) {
                    continue;
                }
                String triggered = e.path("triggeredid").asString("");
                if (!triggered.isEmpty() && invalidated.contains(triggered)) {
                    continue;
                }
                EvaluationResult r = readEvaluation(e, "events[" + i + "]", source, problems);
                if (r != null) {
                    page.add(r);
                }
            }
            if (page.stream().allMatch(r -> r.time() != null)) {
                page.sort(Comparator.comparing(EvaluationResult::time));
            } else {
                java.util.Collections.reverse(page);
            }
            results.addAll(page);
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                JsonNode e = root.get(i);
                if (!isFinishedEvaluation(e)) {
                    continue;
                }
                EvaluationResult r = readEvaluation(e, "[" + i + "]", source, problems);
                if (r != null) {
                    results.add(r);
                }
            }
        } else if (root.isObject()) {
            EvaluationResult r = readEvaluation(root, "", source, problems);
            if (r != null) {
                results.add(r);
            }
        } else {
            problems.add(Problem.of(source, "must be a JSON array of evaluations, one evaluation, or a Keptn"
                    + " datastore page {\"events\": [...]}"));
        }
        if (!problems.isEmpty()) {
            throw new GateConfigException(problems);
        }
        List<EvaluationResult> numbered = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            EvaluationResult r = results.get(i);
            numbered.add(r.id().isEmpty() ? r.toBuilder().id("#" + (i + 1)).build() : r);
        }
        return numbered;
    }

    private static boolean isFinishedEvaluation(JsonNode node) {
        JsonNode type = node.get("type");
        return type == null || !node.has("data") || FINISHED_TYPE.equals(type.asString(""));
    }

    /**
     * Parses JSON text into a tree, for the report's reader of delivery events.
     *
     * @throws IllegalArgumentException if the text is not JSON
     */
    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
            int nl = message.indexOf('\n');
            throw new IllegalArgumentException("not valid JSON: " + (nl < 0 ? message : message.substring(0, nl)), e);
        }
    }

    /** The evaluation of an {@code evaluation.finished} CloudEvent, or {@code null} if it holds none. */
    static @Nullable EvaluationResult fromEvent(JsonNode event) {
        List<Problem> problems = new ArrayList<>();
        EvaluationResult result = readEvaluation(event, "", "", problems);
        return problems.isEmpty() ? result : null;
    }

    private static JsonNode parse(String json, String source) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            int column = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr());
            String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
            int nl = message.indexOf('\n');
            throw new GateConfigException(new Problem(source, line, column, "",
                    "not valid JSON: " + (nl < 0 ? message : message.substring(0, nl)), null));
        }
    }

    private static @Nullable EvaluationResult readEvaluation(JsonNode node, String path, String source,
            List<Problem> problems) {
        if (!node.isObject()) {
            problems.add(new Problem(source, 0, 0, path, "must be an evaluation object", null));
            return null;
        }
        JsonNode data = node;
        String id = "";
        Instant time = null;
        if (node.has("data") && node.get("data").isObject()) {
            data = node.get("data");
            path = join(path, "data");
            id = node.path("id").asString("");
            time = instant(node.path("time").asString(""));
        }
        if (data.has("id")) {
            id = data.path("id").asString("");
        }
        if (data.has("time")) {
            time = instant(data.path("time").asString(""));
        }
        JsonNode evaluation = data.path("evaluation");
        Verdict evaluationResult = verdict(evaluation.get("result"));
        Verdict result = verdict(data.get("result"));
        if (result == null) {
            result = evaluationResult;
        }
        if (result == null) {
            problems.add(new Problem(source, 0, 0, join(path, "result"),
                    "is required: pass, warning or fail", text(data.get("result"))));
            return null;
        }
        EvaluationResult.Builder b = EvaluationResult.builder()
                .id(id)
                .time(time)
                .project(data.path("project").asString(""))
                .stage(data.path("stage").asString(""))
                .service(data.path("service").asString(""))
                .labels(labels(data.get("labels")))
                .status(EvaluationStatus.fromKeyword(data.path("status").asString("succeeded"))
                        .orElse(EvaluationStatus.SUCCEEDED))
                .result(result)
                .evaluationResult(evaluationResult == null ? result : evaluationResult)
                .score(evaluation.path("score").asDouble(0))
                .message(data.path("message").asString(""))
                .sloFileContent(evaluation.path("sloFileContent").asString(""))
                .timeframe(window(evaluation.path("timeStart").asString(""), evaluation.path("timeEnd").asString("")));
        JsonNode indicators = evaluation.get("indicatorResults");
        if (indicators != null && indicators.isArray()) {
            for (int i = 0; i < indicators.size(); i++) {
                IndicatorResult ir = readIndicator(indicators.get(i),
                        join(path, "evaluation.indicatorResults[" + i + "]"), source, problems);
                if (ir != null) {
                    b.addIndicatorResult(ir);
                }
            }
        }
        List<String> compared = new ArrayList<>();
        for (JsonNode c : evaluation.path("comparedEvents")) {
            compared.add(c.asString(""));
        }
        b.comparedEvents(compared);
        JsonNode kf = evaluation.get("keySliFailure");
        if (kf != null && kf.isObject()) {
            b.keySliFailure(new KeySliFailure(kf.path("sli").asString(""), kf.path("displayName").asString(""),
                    kf.path("reason").asString("")));
        }
        return b.build();
    }

    private static @Nullable IndicatorResult readIndicator(JsonNode node, String path, String source,
            List<Problem> problems) {
        JsonNode value = node.path("value");
        String metric = value.path("metric").asString("");
        if (metric.isEmpty()) {
            problems.add(new Problem(source, 0, 0, join(path, "value.metric"), "is required: the SLI name", null));
            return null;
        }
        if (value.has("value") && !value.get("value").isNumber() && !value.get("value").isNull()) {
            problems.add(new Problem(source, 0, 0, join(path, "value.value"), "must be a number",
                    text(value.get("value"))));
            return null;
        }
        double v = value.path("value").asDouble(0);
        boolean success = value.path("success").asBoolean(false);
        double compared = value.path("comparedValue").asDouble(0);
        double score = node.path("score").asDouble(0);
        ObjectiveStatus status = ObjectiveStatus.fromKeyword(node.path("status").asString("info"))
                .orElse(ObjectiveStatus.INFO);
        int weight = node.has("weight") ? node.path("weight").asInt(1) : inferWeight(status, score);
        return new IndicatorResult(metric, node.path("displayName").asString(""), v, success,
                value.path("message").asString(""), compared, status, score, Math.max(weight, 1),
                node.path("keySli").asBoolean(false), targets(node.get("passTargets"), compared),
                targets(node.get("warningTargets"), compared));
    }

    private static int inferWeight(ObjectiveStatus status, double score) {
        if (status == ObjectiveStatus.PASS) {
            return (int) Math.round(score);
        }
        if (status == ObjectiveStatus.WARNING) {
            return (int) Math.round(2 * score);
        }
        return 1;
    }

    private static List<Target> targets(@Nullable JsonNode node, double indicatorBaseline) {
        List<Target> targets = new ArrayList<>();
        if (node == null || !node.isArray()) {
            return targets;
        }
        for (JsonNode t : node) {
            String criteria = t.path("criteria").asString("");
            double target = t.path("targetValue").asDouble(0);
            TargetBasis basis = basis(t.path("basis").asString(""));
            if (basis == null) {
                basis = inferBasis(criteria, target, indicatorBaseline);
            }
            double compared = t.has("comparedValue") ? t.path("comparedValue").asDouble(0)
                    : basis == TargetBasis.BASELINE ? indicatorBaseline : 0;
            targets.add(new Target(criteria, target, t.path("violated").asBoolean(false), basis, compared));
        }
        return targets;
    }

    /** The basis as written by QualityGate, or {@code null} when absent (Keptn) or unknown. */
    private static @Nullable TargetBasis basis(String written) {
        for (TargetBasis b : TargetBasis.values()) {
            if (b.name().equalsIgnoreCase(written)) {
                return b;
            }
        }
        return null;
    }

    private static TargetBasis inferBasis(String criteria, double target, double baseline) {
        try {
            if (!Criterion.parse(criteria).isRelative()) {
                return TargetBasis.ABSOLUTE;
            }
        } catch (IllegalArgumentException e) {
            return TargetBasis.ABSOLUTE;
        }
        return target == 0 && baseline == 0 ? TargetBasis.NO_BASELINE : TargetBasis.BASELINE;
    }

    private static @Nullable Verdict verdict(@Nullable JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        String s = node.asString();
        if (s.equalsIgnoreCase("failed")) {
            return Verdict.FAIL;
        }
        return Verdict.fromKeyword(s).orElse(null);
    }

    private static Map<String, String> labels(@Nullable JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                labels.put(e.getKey(), e.getValue().asString(""));
            }
        }
        return labels;
    }

    private static @Nullable TimeWindow window(String start, String end) {
        Instant s = instant(start);
        Instant e = instant(end);
        return s != null && e != null && e.isAfter(s) ? new TimeWindow(s, e) : null;
    }

    /**
     * Reads a timestamp as Keptn wrote them: RFC 3339 with or without fraction, or without zone (read as UTC).
     *
     * @param text the timestamp
     * @return the instant, or {@code null} if the text is empty or not a timestamp
     */
    public static @Nullable Instant instant(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    private static String join(String path, String child) {
        return path.isEmpty() ? child : path + "." + child;
    }
}
