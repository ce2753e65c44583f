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
 * {@code gate report} of a store holding three real delivery runs (delivered, stopped at the staging gate and rolled
 * back, waiting for approval; see {@link StoredDeliveries}), opened in Debian's headless Chromium: the runs, their
 * stages and tasks in order, colours, the stop and waiting markers, the failing objective and the approval, read
 * from the DOM and computed styles; no console errors, no requests but the file itself. Writes
 * {@code target/report-browser-test/deliveries.html} and the screenshots {@code deliveries.png} (the newest run)
 * and {@code deliveries-stopped.png} (the stopped run) beside it.
 */
@Timeout(120)
class ReportDeliveriesBrowserTest {
    /** The status colours as the page's computed styles give them ({@code Page.PASS} and so on in gate-core). */
    private static final String PASS = "rgb(183, 228, 199)";
    private static final String FAIL = "rgb(214, 69, 69)";
    private static final String WAITING = "rgb(214, 228, 255)";

    private static final Path OUTPUT = Path.of("target", "report-browser-test");

    @TempDir
    static Path dir;

    private static Path page;
    private static StoredDeliveries deliveries;
    private static List<EvaluationResult> staging;
    private static GateRun written;
    private static HeadlessChromium browser;

    @BeforeAll
    static void deliverReportAndStartChromium() throws Exception {
        Path chromium = HeadlessChromium.executable();
        deliveries = StoredDeliveries.create(dir);
        try (EvaluationStore evaluations = EvaluationStore.files(deliveries.store)) {
            staging = evaluations.recent(new HistoryKey("shop", "staging", "carts"), ResultFilter.ALL, 50);
        }
        Files.createDirectories(OUTPUT);
        page = OUTPUT.resolve("deliveries.html").toAbsolutePath();
        written = gate("report", "--store", deliveries.store.toString(), "--project", "shop", "--stage", "staging",
                "--service", "carts", "--out", page.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
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

    /** The run shown now: its id, outcome, message, sequences and tasks as a person reads them. */
    private static JsonNode shownRun() throws IOException {
        return browser.evaluate("(() => { const shown = [...document.querySelectorAll('.rd')]"
                + " .filter(r => getComputedStyle(r).display !== 'none');"
                + " const r = shown[0];"
                + " return {ids: shown.map(s => s.id), outcome: r.querySelector('.badge.big').innerText,"
                + "   outcomeColor: getComputedStyle(r.querySelector('.badge.big')).backgroundColor,"
                + "   heading: r.querySelector('h3').innerText, message: r.querySelector('.msg').innerText,"
                + "   flow: [...r.querySelectorAll('.flow .st')].map(s => ({text: s.innerText,"
                + "     color: getComputedStyle(s).backgroundColor, ringed: getComputedStyle(s).boxShadow !== 'none'})),"
                + "   sequences: [...r.querySelectorAll('.tasks tbody')].map(b => ({"
                + "     name: b.querySelector('tr.sh b').innerText + b.querySelector('tr.sh th').childNodes[1].textContent,"
                + "     result: b.querySelector('tr.sh .badge').innerText,"
                + "     tasks: [...b.querySelectorAll('tr.tk')].map(t => ({name: t.dataset.task,"
                + "       result: t.querySelector('.badge').innerText,"
                + "       color: getComputedStyle(t.querySelector('.badge')).backgroundColor,"
                + "       border: getComputedStyle(t.cells[0]).borderLeftColor,"
                + "       mark: t.querySelector('.mark') ? t.querySelector('.mark').innerText : '',"
                + "       took: t.querySelector('.took').innerText, details: t.querySelector('.det').innerText,"
                + "       objectives: [...t.querySelectorAll('.objs li')].map(li => li.innerText),"
                + "       link: t.querySelector('.det a') ? t.querySelector('.det a').getAttribute('href') : ''}))}))};"
                + " })()");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.path(field).asString()));
        return texts;
    }

    @Test
    void report_namesTheRunsItWrote() {
        assertThat(written.outLines()).singleElement().asString()
                .startsWith("Wrote " + page + ": 3 evaluations, 3 delivery runs, ");
    }

    @Test
    void runList_showsTheThreeRunsNewestFirstWithTheirOutcomesAndSequences() throws IOException {
        JsonNode rows = browser.evaluate("[...document.querySelectorAll('.runs tbody tr')].map(tr => ({"
                + " artifact: tr.querySelector('a').innerText, outcome: tr.cells[1].innerText,"
                + " color: getComputedStyle(tr.querySelector('.badge')).backgroundColor,"
                + " chips: [...tr.querySelectorAll('.st')].map(s => s.innerText),"
                + " chipColors: [...tr.querySelectorAll('.st')].map(s => getComputedStyle(s).backgroundColor),"
                + " ringed: [...tr.querySelectorAll('.st')].map(s => getComputedStyle(s).boxShadow !== 'none'),"
                + " selected: getComputedStyle(tr.cells[0]).backgroundColor}))");

        assertThat(texts(rows, "artifact")).containsExactly("carts-3.jar", "carts-2.jar", "carts-1.jar");
        assertThat(texts(rows, "outcome")).containsExactly("WAITING for approval in production",
                "STOPPED in staging", "DELIVERED to production");
        assertThat(texts(rows, "color")).containsExactly(WAITING, FAIL, PASS);
        JsonNode stopped = rows.get(1);
        assertThat(stopped.path("chips").toString()).isEqualTo("[\"dev\",\"staging\",\"staging · rollback\"]");
        assertThat(stopped.path("chipColors").toString()).isEqualTo("[\"" + PASS + "\",\"" + FAIL + "\",\""
                + PASS + "\"]");
        assertThat(stopped.path("ringed").toString()).isEqualTo("[false,true,false]");
        assertThat(rows.get(0).path("ringed").toString()).isEqualTo("[false,false,true]");
        assertThat(rows.get(0).path("selected").asString()).isNotEqualTo(rows.get(1).path("selected").asString());
    }

    @Test
    void newestRun_showsItsStagesAndTasksInOrderAndWaitsForApproval() throws IOException {
        String id = deliveries.runIds.get(2);

        JsonNode run = shownRun();

        assertThat(run.path("ids").toString()).isEqualTo("[\"r-0\"]");
        assertThat(run.path("outcome").asString()).isEqualTo("WAITING");
        assertThat(run.path("outcomeColor").asString()).isEqualTo(WAITING);
        assertThat(run.path("message").asString()).startsWith("Waiting for approval in production since 2026-11-03 ")
                .endsWith(" UTC. Decide with gate approve " + id + " or gate reject " + id + ".");
        assertThat(texts(run.path("flow"), "text")).containsExactly("dev\ndelivery · pass · 56 s",
                "staging\ndelivery · pass · 3 min 55 s", "production\ndelivery · waiting");
        JsonNode sequences = run.path("sequences");
        assertThat(texts(sequences, "name")).containsExactly("dev · delivery", "staging · delivery",
                "production · delivery");
        assertThat(texts(sequences.get(0).path("tasks"), "name")).containsExactly("deployment", "test");
        assertThat(texts(sequences.get(1).path("tasks"), "name"))
                .containsExactly("deployment", "test", "evaluation", "release");
        assertThat(texts(sequences.get(1).path("tasks"), "took")).containsExactly("48 s", "3 min", "2.4 s", "4.2 s");
        assertThat(texts(sequences.get(1).path("tasks"), "color")).containsOnly(PASS);
        JsonNode approval = sequences.get(2).path("tasks").get(0);
        assertThat(approval.path("name").asString()).isEqualTo("approval");
        assertThat(approval.path("result").asString()).isEqualTo("WAITING");
        assertThat(approval.path("color").asString()).isEqualTo(WAITING);
        assertThat(approval.path("mark").asString()).isEqualTo("WAITING FOR APPROVAL");
        assertThat(approval.path("took").asString()).startsWith("since ");
        assertThat(approval.path("details").asString()).startsWith("manual approval of a pass result\n"
                + "Waiting for a decision since 2026-11-03 ");
        assertThat(sequences.get(2).path("tasks")).hasSize(1);
    }

    @Test
    void stoppedRun_showsTheGateThatStoppedItWithTheFailingObjectiveAndTheRollback() throws IOException,
            InterruptedException {
        EvaluationResult failed = staging.get(1);
        String explanation = failed.objective("error_rate").orElseThrow().explanation();
        browser.evaluate("document.querySelector('.runs a[href=\"#r-1\"]').click()");
        browser.waitUntil("location.hash === '#r-1'");

        JsonNode run = shownRun();

        assertThat(run.path("ids").toString()).isEqualTo("[\"r-1\"]");
        assertThat(run.path("outcome").asString()).isEqualTo("STOPPED");
        assertThat(run.path("outcomeColor").asString()).isEqualTo(FAIL);
        assertThat(run.path("heading").asString()).startsWith("carts-2.jar");
        assertThat(run.path("message").asString()).startsWith("Stopped in staging at evaluation: failed with a score"
                + " of 75").contains(explanation).endsWith("Then staging · rollback ran: pass.");
        JsonNode sequences = run.path("sequences");
        assertThat(texts(sequences, "name")).containsExactly("dev · delivery", "staging · delivery",
                "staging · rollback");
        assertThat(texts(sequences, "result")).containsExactly("PASS", "FAIL", "PASS");
        JsonNode stagingTasks = sequences.get(1).path("tasks");
        assertThat(texts(stagingTasks, "name")).containsExactly("deployment", "test", "evaluation");
        assertThat(texts(stagingTasks, "mark")).containsExactly("", "", "STOPPED HERE");
        JsonNode gate = stagingTasks.get(2);
        assertThat(gate.path("result").asString()).isEqualTo("FAIL");
        assertThat(gate.path("color").asString()).isEqualTo(FAIL);
        assertThat(gate.path("border").asString()).isEqualTo(FAIL);
        assertThat(gate.path("details").asString()).startsWith("Score 75 · 1 of 3 objectives did not pass");
        assertThat(gate.path("objectives").toString()).isEqualTo("[\"FAIL" + explanation + "\"]");
        assertThat(explanation).isEqualTo("Error rate = 2.37 → fail, score 0 of 1 (key SLI): pass <=1 violated;"
                + " warning <=2 violated");
        assertThat(gate.path("link").asString()).isEqualTo("#e-1");
        assertThat(texts(sequences.get(2).path("tasks"), "name")).containsExactly("rollback");
        assertThat(texts(sequences.get(2).path("tasks"), "color")).containsExactly(PASS);

        browser.screenshot(OUTPUT.resolve("deliveries-stopped.png"));
        browser.evaluate("document.querySelector('#r-1 .tk[data-task=evaluation] .det a').click()");
        browser.waitUntil("location.hash === '#e-1'");
        JsonNode breakdown = browser.evaluate("(() => { const b = [...document.querySelectorAll('.bd')]"
                + " .filter(b => getComputedStyle(b).display !== 'none')[0];"
                + " return {id: b.id, title: b.querySelector('h3').innerText}; })()");
        assertThat(breakdown.path("id").asString()).isEqualTo("e-1");
        assertThat(breakdown.path("title").asString()).startsWith("Build 2");
    }

    @Test
    void deliveredRun_showsTheApprovalDecisionAndWhoGaveIt() throws IOException, InterruptedException {
        browser.evaluate("document.querySelector('.runs a[href=\"#r-2\"]').click()");
        browser.waitUntil("location.hash === '#r-2'");

        JsonNode run = shownRun();

        assertThat(run.path("outcome").asString()).isEqualTo("DELIVERED");
        assertThat(run.path("outcomeColor").asString()).isEqualTo(PASS);
        assertThat(run.path("message").asString()).isEqualTo("Delivered; the last sequence ran in production.");
        assertThat(texts(run.path("flow"), "color")).containsOnly(PASS);
        JsonNode production = run.path("sequences").get(2).path("tasks");
        assertThat(texts(production, "name")).containsExactly("approval", "deployment", "release");
        assertThat(texts(production, "mark")).containsOnly("");
        JsonNode approval = production.get(0);
        assertThat(approval.path("result").asString()).isEqualTo("APPROVED");
        assertThat(approval.path("color").asString()).isEqualTo(PASS);
        assertThat(approval.path("took").asString()).isEqualTo("22 min");
        assertThat(approval.path("details").asString()).isEqualTo("manual approval of a pass result\n"
                + "approved: by alice with gate approve");
    }

    @Test
    void titleBar_linksTheNewestDeliveryBesideTheNewestEvaluation() throws IOException {
        JsonNode bar = browser.evaluate("[...document.querySelectorAll('header.top .verdict')].map(a => ({"
                + " text: a.innerText.replace(/\\s+/g, ' '), href: a.getAttribute('href'),"
                + " color: getComputedStyle(a).backgroundColor}))");

        assertThat(texts(bar, "text")).containsExactly("Newest delivery WAITING for approval in production",
                "Newest PASS score 100");
        assertThat(texts(bar, "href")).containsExactly("#r-0", "#e-2");
        assertThat(texts(bar, "color")).containsExactly(WAITING, PASS);
    }

    @Test
    void page_loadsNothingButItself() {
        assertThat(browser.requestedUrls()).isNotEmpty().allSatisfy(url ->
                assertThat(url).isEqualTo(page.toUri().toString()));
    }

    @Test
    void screenshot_isWrittenForPeopleToLookAt() throws IOException {
        Path png = OUTPUT.resolve("deliveries.png");

        browser.screenshot(png);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(bytes.length).isGreaterThan(50_000);
    }
}
