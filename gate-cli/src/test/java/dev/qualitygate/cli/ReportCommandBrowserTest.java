package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code gate report} of 20 stored evaluations made by the real engine, opened in Debian's headless Chromium: what a
 * person sees, read from the page's DOM and computed styles; no console errors, no requests but the file itself.
 * Writes {@code target/report-browser-test/report.html} and a screenshot of it, {@code report.png}, beside it.
 */
@Timeout(120)
class ReportCommandBrowserTest {
    /** The status colours as the page's computed styles give them ({@code Page.PASS} and so on in gate-core). */
    private static final String PASS = "rgb(183, 228, 199)";
    private static final String WARNING = "rgb(246, 201, 69)";
    private static final String FAIL = "rgb(214, 69, 69)";
    private static final String INFO = "rgb(219, 228, 238)";

    private static final Path OUTPUT = Path.of("target", "report-browser-test");

    @TempDir
    static Path dir;

    private static Path page;
    private static List<EvaluationResult> stored;
    private static HeadlessChromium browser;

    @BeforeAll
    static void writeReportAndStartChromium() throws Exception {
        Path chromium = HeadlessChromium.executable();
        Path store = StoredHistory.create(dir);
        try (EvaluationStore evaluations = EvaluationStore.files(store)) {
            stored = evaluations.recent(HistoryKey.of(StoredHistory.CONTEXT), ResultFilter.ALL, 50);
        }
        Files.createDirectories(OUTPUT);
        page = OUTPUT.resolve("report.html").toAbsolutePath();
        GateRun run = gate("report", "--store", store.toString(), "--project", "shop", "--stage", "hardening",
                "--service", "carts", "--out", page.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        browser = HeadlessChromium.start(chromium, profile, 1400, 900);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void open() throws IOException, InterruptedException {
        browser.navigate(page.toUri().toString());
        browser.waitUntil("document.readyState === 'complete'");
    }

    @AfterEach
    void pageReportedNoProblems() {
        assertThat(browser.problems()).isEmpty();
    }

    /**
     * The heatmap as a person reads it: each row's name (from the names table) and its cells across the blocks of
     * columns, oldest first, with text and computed colours; and whether every row lines up with its name.
     */
    private static JsonNode heatmapRows() throws IOException {
        return browser.evaluate("(() => { const names = [...document.querySelectorAll('.names tbody th')];"
                + " const blocks = [...document.querySelectorAll('.heatmap tbody')].reverse();"
                + " return names.map((th, i) => ({ name: (th.querySelector('.obj') || th).textContent,"
                + "   aligned: Math.abs(th.getBoundingClientRect().top"
                + "     - blocks[blocks.length - 1].rows[i].getBoundingClientRect().top) < 1,"
                + "   cells: blocks.flatMap(b => [...b.rows[i].cells]).map(td => ({text: td.textContent,"
                + "     color: getComputedStyle(td).backgroundColor, image: getComputedStyle(td).backgroundImage}))}));"
                + " })()");
    }

    @Test
    void heatmap_showsTheTotalAndEachObjectiveColouredByStatus() throws IOException {
        JsonNode rows = heatmapRows();

        List<String> names = new ArrayList<>();
        rows.forEach(r -> names.add(r.path("name").asString()));
        assertThat(names).containsExactly("Total score", "Response time p95", "Error rate", "throughput",
                "CPU usage");
        rows.forEach(r -> assertThat(r.path("cells")).hasSize(20));
        rows.forEach(r -> assertThat(r.path("aligned").asBoolean()).as("row %s lines up", r.path("name")).isTrue());
        assertThat(colours(rows.get(0))).containsExactly(
                PASS, PASS, PASS, PASS, PASS, PASS, WARNING, WARNING, PASS, WARNING,
                PASS, WARNING, FAIL, PASS, PASS, FAIL, PASS, PASS, PASS, FAIL);
        assertThat(colours(rows.get(4))).containsOnly(INFO);

        JsonNode errorRate = rows.get(2).path("cells");
        assertThat(errorRate.get(11).path("text").asString()).isEqualTo("1.48");
        assertThat(errorRate.get(11).path("color").asString()).isEqualTo(WARNING);
        assertThat(errorRate.get(15).path("text").asString()).isEqualTo("n/a");
        assertThat(errorRate.get(15).path("color").asString()).isEqualTo(FAIL);
        assertThat(errorRate.get(15).path("image").asString()).startsWith("repeating-linear-gradient(");
        assertThat(errorRate.get(19).path("text").asString()).isEqualTo("2.37");
        assertThat(errorRate.get(19).path("color").asString()).isEqualTo(FAIL);
        assertThat(errorRate.get(0).path("image").asString()).isEqualTo("none");
        assertThat(rows.get(0).path("cells").get(11).path("text").asString()).isEqualTo("87.5");
    }

    private static List<String> colours(JsonNode row) {
        List<String> colours = new ArrayList<>();
        row.path("cells").forEach(c -> colours.add(c.path("color").asString()));
        return colours;
    }

    @Test
    void heatmap_opensScrolledToTheNewestBuildWhichIsMarked() throws IOException {
        JsonNode view = browser.evaluate("(() => { const hm = document.getElementById('hm'),"
                + " box = hm.getBoundingClientRect(),"
                + " newest = document.querySelector('.heatmap a[href=\"#e-19\"]').parentNode.getBoundingClientRect(),"
                + " oldest = document.querySelector('.heatmap a[href=\"#e-0\"]').parentNode.getBoundingClientRect(),"
                + " th = document.querySelector('.heatmap a[href=\"#e-19\"]').parentNode;"
                + " return {overflows: hm.scrollWidth > hm.clientWidth,"
                + "   newestVisible: newest.left >= box.left && newest.right <= box.right + 1,"
                + "   oldestCut: oldest.left < box.left,"
                + "   selected: th.classList.contains('sel'), header: th.innerText}; })()");

        assertThat(view.path("overflows").asBoolean()).as("%s", view).isTrue();
        assertThat(view.path("newestVisible").asBoolean()).as("%s", view).isTrue();
        assertThat(view.path("oldestCut").asBoolean()).as("%s", view).isTrue();
        assertThat(view.path("selected").asBoolean()).isTrue();
        assertThat(view.path("header").asString()).isEqualTo("1.4.20\n11-02\n22:53");
    }

    @Test
    void breakdown_showsTheNewestEvaluationWithTheFailingObjectivesExplanation() throws IOException {
        String explanation = stored.get(19).objective("error_rate").orElseThrow().explanation();
        JsonNode shown = browser.evaluate("(() => { const visible = [...document.querySelectorAll('.bd')]"
                + " .filter(b => getComputedStyle(b).display !== 'none');"
                + " const failing = [...visible[0].querySelectorAll('tbody.f')].map(t => ({"
                + "   name: t.querySelector('.obj').textContent, why: t.querySelector('tr.why').innerText,"
                + "   status: t.querySelector('.badge').innerText,"
                + "   border: getComputedStyle(t.querySelector('td')).borderLeftColor}));"
                + " return {ids: visible.map(b => b.id), verdict: visible[0].querySelector('.badge.big').innerText,"
                + "   message: visible[0].querySelector('.msg').innerText, failing}; })()");

        assertThat(shown.path("ids")).hasSize(1);
        assertThat(shown.path("ids").get(0).asString()).isEqualTo("e-19");
        assertThat(shown.path("verdict").asString()).isEqualTo("FAIL");
        assertThat(shown.path("message").asString()).isEqualTo(
                "Evaluation failed due to key_sli objective 'Error rate': it met neither its pass nor its warning"
                        + " criteria");
        JsonNode failing = shown.path("failing");
        assertThat(failing).hasSize(1);
        assertThat(failing.get(0).path("name").asString()).isEqualTo("Error rate");
        assertThat(failing.get(0).path("status").asString()).isEqualTo("FAIL");
        assertThat(failing.get(0).path("border").asString()).isEqualTo(FAIL);
        assertThat(failing.get(0).path("why").asString()).isEqualTo(explanation).isEqualTo(
                "Error rate = 2.37 → fail, score 0 of 1 (key SLI): pass <=1 violated; warning <=2 violated");
    }

    @Test
    void heatmapBuildLink_showsThatEvaluationsBreakdownInstead() throws IOException, InterruptedException {
        browser.evaluate("document.querySelector('.heatmap a[href=\"#e-15\"]').click()");
        browser.waitUntil("document.querySelector('.heatmap a[href=\"#e-15\"]').parentNode.classList.contains('sel')");

        JsonNode shown = browser.evaluate("(() => { const visible = [...document.querySelectorAll('.bd')]"
                + " .filter(b => getComputedStyle(b).display !== 'none');"
                + " return {ids: visible.map(b => b.id), title: visible[0].querySelector('h3').innerText,"
                + "   missing: visible[0].querySelector('tbody.n tr.why').innerText,"
                + "   marked: document.querySelectorAll('.heatmap thead th.sel').length}; })()");

        assertThat(shown.path("ids")).hasSize(1);
        assertThat(shown.path("ids").get(0).asString()).isEqualTo("e-15");
        assertThat(shown.path("title").asString()).startsWith("Build 1.4.16");
        assertThat(shown.path("missing").asString()).isEqualTo(
                stored.get(15).objective("error_rate").orElseThrow().explanation());
        assertThat(shown.path("marked").asInt()).isEqualTo(1);
    }

    @Test
    void trends_drawOneChartPerObjectiveWithThresholdsAndTheMissingValue() throws IOException {
        JsonNode charts = browser.evaluate("[...document.querySelectorAll('.trend')].map(f => ({"
                + " name: f.querySelector('.obj').textContent, width: f.querySelector('svg').getBoundingClientRect().width,"
                + " labels: [...f.querySelectorAll('text.tl')].map(t => t.textContent),"
                + " markers: f.querySelectorAll('circle').length, missing: f.querySelectorAll('.miss').length,"
                + " dash: f.querySelector('path.tp') && getComputedStyle(f.querySelector('path.tp')).strokeDasharray}))");

        assertThat(charts).hasSize(4);
        JsonNode responseTime = charts.get(0);
        assertThat(responseTime.path("name").asString()).isEqualTo("Response time p95");
        assertThat(responseTime.path("width").asDouble()).isGreaterThan(400);
        List<String> labels = new ArrayList<>();
        responseTime.path("labels").forEach(l -> labels.add(l.asString()));
        assertThat(labels).containsExactlyInAnyOrder("pass <=+10%", "pass <600", "warning <=800");
        assertThat(responseTime.path("markers").asInt()).isEqualTo(20);
        assertThat(responseTime.path("dash").asString()).isEqualTo("6px, 4px");
        assertThat(charts.get(1).path("missing").asInt()).isEqualTo(1);
        assertThat(charts.get(1).path("markers").asInt()).isEqualTo(19);
    }

    @Test
    void page_loadsNothingButItself() {
        assertThat(browser.requestedUrls()).isNotEmpty().allSatisfy(url ->
                assertThat(url).isEqualTo(page.toUri().toString()));
    }

    @Test
    void screenshot_isWrittenForPeopleToLookAt() throws IOException {
        Path png = OUTPUT.resolve("report.png");

        browser.screenshot(png);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(bytes.length).isGreaterThan(50_000);
    }
}
