package dev.qualitygate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.EvaluationStatus;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.Verdict;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * JUnit XML of real evaluations, validated with the JDK against {@code junit/junit-common.xsd} (our own schema of the
 * common format CI servers read) and read back with DOM.
 */
class JUnitXmlTest {
    private static List<EvaluationResult> builds;
    private static Schema schema;

    @BeforeAll
    static void setUp() throws Exception {
        builds = ReportSamples.twentyBuilds();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        URL xsd = Objects.requireNonNull(JUnitXmlTest.class.getResource("/junit/junit-common.xsd"));
        schema = factory.newSchema(xsd);
    }

    private static void validate(String xml) throws Exception {
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> testcases(Document doc) {
        NodeList nodes = doc.getElementsByTagName("testcase");
        List<Element> cases = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            cases.add((Element) nodes.item(i));
        }
        return cases;
    }

    private static Element child(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    @Test
    void render_everyBuildOfTheHistory_validatesAgainstTheCommonSchema() throws Exception {
        for (EvaluationResult build : builds) {
            validate(JUnitXml.render(build));
        }
    }

    @Test
    void render_failingBuild_hasOneCasePerObjectivePlusTheTotalAndCountsThatMatch() throws Exception {
        EvaluationResult newest = builds.get(19);
        Document doc = parse(JUnitXml.render(newest));

        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("qualitygate.shop.hardening.carts");
        assertThat(testcases(doc)).extracting(e -> e.getAttribute("name")).containsExactly(
                "Response time p95 (response_time_p95)", "Error rate (error_rate)", "throughput",
                "CPU usage (cpu_usage)", JUnitXml.TOTAL_CASE);
        assertThat(testcases(doc)).allSatisfy(e ->
                assertThat(e.getAttribute("classname")).isEqualTo("qualitygate.shop.hardening.carts"));
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-02T22:53:02");
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
    }

    @Test
    void render_failingObjective_failureCarriesItsExplanation() throws Exception {
        EvaluationResult newest = builds.get(19);
        IndicatorResult errorRate = newest.objective("error_rate").orElseThrow();
        Element testcase = testcases(parse(JUnitXml.render(newest))).get(1);

        Element failure = child(testcase, "failure");
        assertThat(failure.getAttribute("message")).isEqualTo(errorRate.explanation())
                .isEqualTo("Error rate = 2.37 → fail, score 0 of 1 (key SLI): pass <=1 violated; warning <=2 violated");
        assertThat(failure.getAttribute("type")).isEqualTo("fail");
        assertThat(failure.getTextContent()).isEqualTo(errorRate.explanation());
    }

    @Test
    void render_objectivesByStatus_passWarningPassesInfoIsSkippedMissingValueFails() throws Exception {
        List<Element> warning = testcases(parse(JUnitXml.render(builds.get(19))));
        assertThat(child(warning.get(0), "failure")).isNull();
        assertThat(child(warning.get(0), "system-out").getTextContent()).contains("→ warning");
        assertThat(child(warning.get(3), "skipped").getAttribute("message"))
                .isEqualTo("informational objective, not scored");

        List<Element> missing = testcases(parse(JUnitXml.render(builds.get(15))));
        Element failure = child(missing.get(1), "failure");
        assertThat(failure.getAttribute("type")).isEqualTo("no value");
        assertThat(failure.getAttribute("message"))
                .isEqualTo("Error rate: no value (no data for query rate(http_errors[5m]) in the window) → fail,"
                        + " score 0 of 1 (key SLI)");
    }

    @Test
    void render_totalScoreCase_failsOnlyWhenTheGateFails() throws Exception {
        Element failed = testcases(parse(JUnitXml.render(builds.get(19)))).get(4);
        assertThat(child(failed, "failure").getAttribute("message"))
                .startsWith("result fail, score 50: Evaluation failed due to key_sli objective 'Error rate'");

        Element warned = testcases(parse(JUnitXml.render(builds.get(6)))).get(4);
        assertThat(builds.get(6).result()).isEqualTo(Verdict.WARNING);
        assertThat(child(warned, "failure")).isNull();
        assertThat(child(warned, "system-out").getTextContent()).startsWith("result warning, score 75");

        Element passed = testcases(parse(JUnitXml.render(builds.get(0)))).get(4);
        assertThat(passed.getChildNodes().getLength()).isPositive();
        assertThat(child(passed, "failure")).isNull();
        assertThat(child(passed, "error")).isNull();
    }

    @Test
    void render_erroredEvaluation_isAnErrorAndValid() throws Exception {
        EvaluationResult errored = EvaluationResult.builder().status(EvaluationStatus.ERRORED).result(Verdict.FAIL)
                .message("no SLO objective was provided").build();
        String xml = JUnitXml.render(errored);
        validate(xml);

        Document doc = parse(xml);
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("qualitygate");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.hasAttribute("timestamp")).isFalse();
        assertThat(child(testcases(doc).get(0), "error").getAttribute("message"))
                .isEqualTo("result fail, score 0: no SLO objective was provided");
    }

    @Test
    void render_textThatXmlCannotCarry_isEscapedOrReplacedAndStaysValid() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("note", "a \"quoted\" <b>line</b>\nand a second & last\u0001");
        EvaluationResult odd = builds.get(19).toBuilder()
                .project("sh<o>p").labels(labels).message("bad \u0000 byte and a lone \uD800 surrogate").build();
        String xml = JUnitXml.render(odd);
        validate(xml);

        Document doc = parse(xml);
        Element note = null;
        NodeList properties = doc.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            if (p.getAttribute("name").equals("label.note")) {
                note = p;
            }
        }
        assertThat(note).isNotNull();
        assertThat(note.getAttribute("value")).isEqualTo("a \"quoted\" <b>line</b>\nand a second & last\uFFFD");
        assertThat(doc.getDocumentElement().getAttribute("name")).isEqualTo("quality gate sh<o>p/hardening/carts");
        assertThat(xml).contains("bad \uFFFD byte and a lone \uFFFD surrogate");
    }

    @Test
    void schema_documentsThatBreakTheFormat_areRejected() {
        String valid = JUnitXml.render(builds.get(19));
        List<String> broken = List.of(
                valid.replace("<testcase name=\"throughput\"", "<testcase"),
                valid.replace(" tests=\"5\" failures=\"2\" errors=\"0\" skipped=\"1\" time=\"0\" timestamp",
                        " failures=\"2\" timestamp"),
                valid.replace("timestamp=\"2026-11-02T22:53:02\"", "timestamp=\"2026-11-02T22:53:02Z\""),
                valid.replace("<system-out>Error rate = 2.37", "<system-out>x</system-out><failure/><system-out>"),
                valid.replace("failures=\"2\"", "failures=\"two\""));
        for (String xml : broken) {
            assertThat(xml).isNotEqualTo(valid);
            assertThat(catchThrowable(() -> validate(xml))).isInstanceOf(SAXParseException.class);
        }
    }

    @Test
    void write_givesTheRenderedDocument() throws IOException {
        StringWriter out = new StringWriter();
        JUnitXml.write(builds.get(3), out);
        assertThat(out.toString()).isEqualTo(JUnitXml.render(builds.get(3)));
    }
}
