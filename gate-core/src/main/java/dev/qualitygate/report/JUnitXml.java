package dev.qualitygate.report;

import dev.qualitygate.criteria.GoNumbers;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.EvaluationStatus;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an evaluation as JUnit XML, the test-result format every CI server reads, so that a quality gate shows in
 * the CI's test tab.
 *
 * <p>The document is {@code <testsuites>} with one {@code <testsuite>} named {@code qualitygate.<project>.<stage>.<service>}
 * (the same name is every test case's {@code classname}) holding:
 * <ul>
 *   <li>one {@code <testcase>} per objective, named by its label (and SLI, when the label is a display name): a
 *       failing objective, or one whose value is missing, has a {@code <failure>} whose {@code message} and text are
 *       its {@link IndicatorResult#explanation() explanation}; an informational objective is {@code <skipped>}; a
 *       passing or warning objective passes (a warning says so in its {@code <system-out>});</li>
 *   <li>one last {@code <testcase>} named {@code total score}: the gate itself, failed when the result is fail,
 *       {@code <error>} when the evaluation errored;</li>
 *   <li>{@code <properties>} with the result, the score, the evaluation id, window and labels, and
 *       {@code <system-out>} with the {@link TextReport}.</li>
 * </ul>
 * A failing objective is a failed test even when the total score lets the build pass; the {@code total score} case
 * and the exit code of {@code gate evaluate} carry the gate's verdict.
 *
 * <p>{@code time} is 0 (the evaluation itself takes no measurable time); {@code timestamp} is when the evaluation
 * was made, in UTC without a zone designator, as the Ant-derived schema that CI servers follow requires. Characters
 * XML 1.0 cannot carry become U+FFFD.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class JUnitXml {
    /** The name of the test case that stands for the gate's overall result. */
    public static final String TOTAL_CASE = "total score";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private JUnitXml() {
    }

    /**
     * Renders an evaluation.
     *
     * @param result the evaluation
     * @return the XML document, UTF-8 declared, ending with a newline
     */
    public static String render(EvaluationResult result) {
        StringBuilder xml = new StringBuilder(2048);
        String suite = suiteName(result);
        List<IndicatorResult> objectives = result.indicatorResults();
        int failures = 0;
        int skipped = 0;
        for (IndicatorResult ir : objectives) {
            if (ir.status() == ObjectiveStatus.INFO) {
                skipped++;
            } else if (ir.status() == ObjectiveStatus.FAIL || !ir.success()) {
                failures++;
            }
        }
        boolean errored = result.status() == EvaluationStatus.ERRORED;
        if (!errored && result.result() == Verdict.FAIL) {
            failures++;
        }
        String counts = " tests=\"" + (objectives.size() + 1) + "\" failures=\"" + failures + "\" errors=\""
                + (errored ? 1 : 0) + "\" skipped=\"" + skipped + "\" time=\"0\"";
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"");
        escape(xml, "quality gate " + key(result, "/"), true);
        xml.append('"').append(counts).append(">\n  <testsuite name=\"");
        escape(xml, suite, true);
        xml.append('"').append(counts);
        Instant time = result.time();
        if (time != null) {
            xml.append(" timestamp=\"").append(TIMESTAMP.format(time.truncatedTo(ChronoUnit.SECONDS))).append('"');
        }
        xml.append(">\n");
        properties(xml, result);
        Map<String, Integer> seen = new HashMap<>();
        for (IndicatorResult ir : objectives) {
            String name = ir.label().equals(ir.sli()) ? ir.sli() : ir.label() + " (" + ir.sli() + ")";
            int n = seen.merge(name, 1, Integer::sum);
            objective(xml, suite, n == 1 ? name : name + " #" + n, ir);
        }
        total(xml, suite, result);
        xml.append("    <system-out>");
        escape(xml, TextReport.render(result), false);
        xml.append("</system-out>\n  </testsuite>\n</testsuites>\n");
        return xml.toString();
    }

    /**
     * Writes an evaluation.
     *
     * @param result the evaluation
     * @param out where the XML goes, as UTF-8 text; not closed
     * @throws IOException if writing fails
     */
    public static void write(EvaluationResult result, Writer out) throws IOException {
        out.write(render(result));
    }

    private static void properties(StringBuilder xml, EvaluationResult result) {
        List<String[]> properties = new ArrayList<>();
        properties.add(new String[] {"result", result.result().keyword()});
        properties.add(new String[] {"score", GoNumbers.format(result.score())});
        properties.add(new String[] {"status", result.status().keyword()});
        if (!result.id().isEmpty()) {
            properties.add(new String[] {"evaluation.id", result.id()});
        }
        TimeWindow window = result.timeframe();
        if (window != null) {
            properties.add(new String[] {"evaluation.timeStart", window.start().toString()});
            properties.add(new String[] {"evaluation.timeEnd", window.end().toString()});
        }
        result.labels().forEach((k, v) -> properties.add(new String[] {"label." + k, v}));
        xml.append("    <properties>\n");
        for (String[] p : properties) {
            xml.append("      <property name=\"");
            escape(xml, p[0], true);
            xml.append("\" value=\"");
            escape(xml, p[1], true);
            xml.append("\"/>\n");
        }
        xml.append("    </properties>\n");
    }

    private static void objective(StringBuilder xml, String suite, String name, IndicatorResult ir) {
        String explanation = ir.explanation();
        testcase(xml, suite, name);
        if (ir.status() == ObjectiveStatus.INFO) {
            xml.append("      <skipped message=\"informational objective, not scored\"/>\n");
        } else if (ir.status() == ObjectiveStatus.FAIL || !ir.success()) {
            element(xml, "failure", explanation, ir.success() ? "fail" : "no value", explanation);
        }
        xml.append("      <system-out>");
        escape(xml, explanation, false);
        xml.append("</system-out>\n    </testcase>\n");
    }

    private static void total(StringBuilder xml, String suite, EvaluationResult result) {
        String summary = "result " + result.result().keyword() + ", score "
                + GoNumbers.format(Math.round(result.score() * 100) / 100.0)
                + (result.message().isEmpty() ? "" : ": " + result.message());
        testcase(xml, suite, TOTAL_CASE);
        if (result.status() == EvaluationStatus.ERRORED) {
            element(xml, "error", summary, "errored", summary);
        } else if (result.result() == Verdict.FAIL) {
            element(xml, "failure", summary, "fail", summary);
        }
        xml.append("      <system-out>");
        escape(xml, summary, false);
        xml.append("</system-out>\n    </testcase>\n");
    }

    private static void testcase(StringBuilder xml, String suite, String name) {
        xml.append("    <testcase name=\"");
        escape(xml, name, true);
        xml.append("\" classname=\"");
        escape(xml, suite, true);
        xml.append("\" time=\"0\">\n");
    }

    private static void element(StringBuilder xml, String element, String message, String type, String text) {
        xml.append("      <").append(element).append(" message=\"");
        escape(xml, message, true);
        xml.append("\" type=\"").append(type).append("\">");
        escape(xml, text, false);
        xml.append("</").append(element).append(">\n");
    }

    private static String suiteName(EvaluationResult result) {
        String key = key(result, ".");
        return key.isEmpty() ? "qualitygate" : "qualitygate." + key;
    }

    private static String key(EvaluationResult result, String separator) {
        List<String> parts = new ArrayList<>();
        for (String part : List.of(result.project(), result.stage(), result.service())) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return String.join(separator, parts);
    }

    /**
     * Escapes for text or a double-quoted attribute (whose tabs and line breaks become character references, which
     * parsers keep); replaces what XML 1.0 cannot carry with U+FFFD.
     */
    private static void escape(StringBuilder xml, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    xml.append("&amp;");
                    break;
                case '<':
                    xml.append("&lt;");
                    break;
                case '>':
                    xml.append("&gt;");
                    break;
                case '"':
                    xml.append("&quot;");
                    break;
                case '\t':
                case '\n':
                case '\r':
                    if (attribute) {
                        xml.append("&#").append((int) c).append(';');
                    } else {
                        xml.append(c);
                    }
                    break;
                default:
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        xml.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        xml.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        xml.append('\uFFFD');
                    } else {
                        xml.append(c);
                    }
                    break;
            }
        }
    }
}
