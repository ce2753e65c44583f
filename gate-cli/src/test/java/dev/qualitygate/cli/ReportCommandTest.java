package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.report.EvaluationJson;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class ReportCommandTest {
    private static final String[] KEY = {"--project", "shop", "--stage", "hardening", "--service", "carts"};

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static Path store;

    @BeforeAll
    static void storeHistory() throws IOException {
        store = StoredHistory.create(shared);
    }

    private static GateRun report(String... args) {
        String[] all = new String[args.length + 9];
        all[0] = "report";
        all[1] = "--store";
        all[2] = store.toString();
        System.arraycopy(KEY, 0, all, 3, KEY.length);
        System.arraycopy(args, 0, all, 9, args.length);
        return gate(all);
    }

    private static List<EvaluationResult> stored() {
        try (EvaluationStore evaluations = EvaluationStore.files(store)) {
            return evaluations.recent(new HistoryKey("shop", "hardening", "carts"), ResultFilter.ALL, 100);
        }
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(
                Files.readString(file, StandardCharsets.UTF_8))));
    }

    @Test
    void report_storeToHtml_writesThePageOfEveryStoredEvaluation() throws IOException {
        Path out = tmp.resolve("site/report.html");

        GateRun run = report("--out", out.toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).singleElement().asString()
                .startsWith("Wrote " + out + ": 20 evaluations, ").endsWith(" KB");
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<title>Quality gate · shop / hardening / carts</title>")
                .contains("<a href=\"#e-0\">1.4.1</a>", "<a href=\"#e-19\">1.4.20</a>")
                .contains("<article class=\"bd chosen\" id=\"e-19\">");
    }

    @Test
    void report_lastN_reportsOnlyTheNewest() throws IOException {
        Path out = tmp.resolve("report.html");

        GateRun run = report("--last", "5", "--out", out.toString(), "--title", "Carts");

        assertThat(run.exitCode()).isZero();
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(html).contains("<title>Carts</title>", "<a href=\"#e-0\">1.4.16</a>", "<a href=\"#e-4\">1.4.20</a>")
                .doesNotContain(">1.4.15<");
    }

    @Test
    void report_junit_writesTheNewestEvaluationAsJUnitXml() throws Exception {
        Path junit = tmp.resolve("reports/gate.xml");

        GateRun run = report("--junit", junit.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).singleElement().asString()
                .startsWith("Wrote " + junit + ": JUnit XML of evaluation " + stored().get(19).id() + ", fail, ");
        Document doc = xml(junit);
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("qualitygate.shop.hardening.carts");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(doc.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message")
                .getNodeValue()).isEqualTo(stored().get(19).objective("error_rate").orElseThrow().explanation());
    }

    @Test
    void report_chosenEvaluation_isShownFirstAndWrittenAsJUnit() throws Exception {
        String id = stored().get(6).id();
        Path out = tmp.resolve("report.html");
        Path junit = tmp.resolve("gate.xml");

        GateRun run = report("--evaluation", id, "--breakdowns", "3", "--out", out.toString(), "--junit",
                junit.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).hasSize(2);
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(html).contains("<article class=\"bd chosen\" id=\"e-6\">")
                .contains("holds the breakdowns of 4 of the 20 evaluations");
        assertThat(xml(junit).getElementsByTagName("property").item(3).getAttributes().getNamedItem("value")
                .getNodeValue()).isEqualTo(id);
    }

    @Test
    void report_historyFile_selectsByServiceAndReports() throws IOException {
        List<EvaluationResult> evaluations = new java.util.ArrayList<>(stored());
        evaluations.add(5, evaluations.get(5).toBuilder().service("orders").id("other").build());
        Path history = Files.writeString(tmp.resolve("history.json"), EvaluationJson.writeArray(evaluations));
        Path out = tmp.resolve("report.html");

        GateRun run = gate("report", "--history", history.toString(), "--service", "carts", "--out", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).singleElement().asString().startsWith("Wrote " + out + ": 20 evaluations, ");
    }

    @Test
    void report_nothingToWrite_isUsageError() {
        GateRun run = report();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "say what to write: --out FILE for the HTML report, --junit FILE for JUnit XML, or both",
                "Try 'gate report --help' for more information.");
    }

    @Test
    void report_storeWithoutKey_namesTheMissingOptions() {
        GateRun run = gate("report", "--store", store.toString(), "--stage", "hardening", "--out", "r.html");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("--store needs --project, --service: the store keeps one"
                + " history per project, stage and service");
    }

    @Test
    void report_neitherStoreNorHistory_isUsageError() {
        GateRun run = gate("report", "--out", "r.html");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo(
                "give the evaluations: --store DIR|URL with --project, --stage and --service, or --history FILE");
    }

    @Test
    void report_lastZero_isUsageError() {
        GateRun run = report("--last", "0", "--out", "r.html");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("--last must be at least 1, was 0");
    }

    @Test
    void report_unknownEvaluation_isUsageErrorAndWritesNothing() {
        Path out = tmp.resolve("report.html");

        GateRun run = report("--evaluation", "nope", "--last", "7", "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("--evaluation nope: no such evaluation among the 7 read (the"
                + " newest 7); an evaluation's id is the 'id' of 'gate evaluate --format json'");
        assertThat(out).doesNotExist();
    }

    @Test
    void report_serviceWithoutEvaluations_saysHowToStoreThem() {
        GateRun run = gate("report", "--store", store.toString(), "--project", "shop", "--stage", "hardening",
                "--service", "orders", "--out", tmp.resolve("r.html").toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(store + ": no evaluations of shop/hardening/orders and no delivery"
                + " runs of shop/orders in the store; 'gate evaluate --store " + store + " --project shop --stage hardening --service orders' stores"
                + " them");
    }

    @Test
    void report_storeDirectoryMissing_isAnError() {
        Path missing = tmp.resolve("nowhere");

        GateRun run = gate("report", "--store", missing.toString(), "--project", "shop", "--stage", "hardening",
                "--service", "carts", "--out", tmp.resolve("r.html").toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(missing + ": not a directory: the store is the --store directory"
                + " that 'gate evaluate --store' appended to");
    }

    @Test
    void report_outputNotWritable_isAnErrorNamingTheFile() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("file"), "");
        Path out = blocker.resolve("report.html");

        GateRun run = report("--out", out.toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(out + ": cannot write the file: " + blocker
                + " is a file, not a directory");
    }
}
