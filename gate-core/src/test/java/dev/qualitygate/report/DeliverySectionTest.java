package dev.qualitygate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.delivery.DeliveryEvent;
import dev.qualitygate.delivery.DeliveryRequest;
import dev.qualitygate.delivery.DeliveryRunner;
import dev.qualitygate.delivery.RunState;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.model.shipyard.Shipyard;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.yaml.GateYaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delivery section of the HTML report over three runs the real runner made (see {@link DeliverySamples}), read
 * as text. What a person sees in a browser is checked by {@code ReportDeliveriesBrowserTest} in gate-cli.
 */
class DeliverySectionTest {
    private static final Pattern TASK_ROW = Pattern.compile("<tr class=\"tk (\\w)( stop)?\" data-task=\"([^\"]*)\">"
            + ".*?<td class=\"num took\">([^<]*)</td>");

    private static DeliverySamples samples;
    private static String page;

    @BeforeAll
    static void render() {
        samples = new DeliverySamples();
        page = HtmlReport.render(samples.evaluations, HtmlReport.Options.defaults().withRuns(samples.runs));
    }

    /** The markup of one run's article. */
    private static String article(String html, int index) {
        String start = html.substring(html.lastIndexOf("<article", html.indexOf("\" id=\"r-" + index + "\">")));
        return start.substring(0, start.indexOf("</article>"));
    }

    /** Each task row of a run as {@code class stop? name took}, in page order. */
    private static List<String> taskRows(String article) {
        List<String> rows = new ArrayList<>();
        Matcher m = TASK_ROW.matcher(article);
        while (m.find()) {
            rows.add(m.group(1) + (m.group(2) == null ? "" : "!") + " " + m.group(3) + " " + m.group(4));
        }
        return rows;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void render_withRuns_deliveriesComeFirstInTheNavigationAndTheTitleBar() {
        assertThat(page).contains("<nav><a href=\"#deliveries\">Deliveries</a><a href=\"#heatmap\">");
        assertThat(page).contains("<p>3 evaluations · 2026-11-03 09:04 – 2026-11-03 11:13 UTC · 3 delivery runs</p>");
        assertThat(page).contains("<a class=\"verdict q\" href=\"#r-0\"><span>Newest delivery</span><b>waiting</b>"
                + "<span>for approval in production</span></a>");
        assertThat(page.indexOf("<section id=\"deliveries\">")).isLessThan(page.indexOf("<section id=\"heatmap\">"));
    }

    @Test
    void render_threeRuns_listsThemNewestFirstWithOutcomeAndSequences() {
        String list = page.substring(page.indexOf("<table class=\"runs\">"));
        list = list.substring(0, list.indexOf("</table>"));

        assertThat(list).contains("<tr class=\"rr-0 chosen\"><td><a href=\"#r-0\">carts-3.jar</a>")
                .contains("<tr class=\"rr-1\"><td><a href=\"#r-1\">carts-2.jar</a>")
                .contains("<tr class=\"rr-2\"><td><a href=\"#r-2\">carts-1.jar</a>");
        assertThat(list.indexOf("carts-3.jar")).isLessThan(list.indexOf("carts-2.jar"));
        assertThat(list.indexOf("carts-2.jar")).isLessThan(list.indexOf("carts-1.jar"));
        assertThat(list).contains("<span class=\"badge f\">stopped</span> <span class=\"where\">in staging</span>")
                .contains("<span class=\"st f stop\" title=\"staging · delivery: fail\">staging</span>"
                        + "<span class=\"st p\" title=\"staging · rollback: pass\">staging · rollback</span>")
                .contains("<span class=\"badge p\">delivered</span> <span class=\"where\">to production</span>");
        assertThat(count(page, "<article class=\"rd")).isEqualTo(3);
        assertThat(count(page, "<article class=\"rd chosen\" id=\"r-0\">")).isEqualTo(1);
    }

    @Test
    void render_stoppedRun_marksTheGateThatStoppedItAndTheRollbackAfterIt() {
        String run = article(page, 1);

        assertThat(taskRows(run)).containsExactly("p deployment 35 s", "p test 20 s", "p deployment 48 s",
                "p test 3 min", "f! evaluation 2.4 s", "p rollback 11 s");
        assertThat(run).contains("<span class=\"badge big f\">stopped</span>")
                .contains("<p class=\"msg f\">Stopped in <b>staging</b> at <b>evaluation</b>: failed with a score"
                        + " of 75")
                .contains("<br>Then <b>staging · rollback</b> ran: pass.</p>")
                .contains("<span class=\"mark stop\">stopped here</span>")
                .contains("Score <b>75</b> · 1 of 3 objectives did not pass · <a href=\"#e-1\">breakdown ›</a>")
                .contains("<li class=\"f\"><span class=\"badge f\">fail</span>Error rate = 2.37 → fail");
        assertThat(count(run, "stopped here")).isEqualTo(1);
        assertThat(page).contains("<article class=\"bd\" id=\"e-1\">");
    }

    @Test
    void render_waitingRun_marksTheApprovalItWaitsForAndHowToDecide() {
        String run = article(page, 0);
        String id = samples.ids.get(0);

        assertThat(taskRows(run)).hasSize(7).last().asString().startsWith("q approval since ");
        assertThat(run).contains("<span class=\"badge big q\">waiting</span>")
                .contains("Decide with <code>gate approve " + id + "</code> or <code>gate reject " + id
                        + "</code>.")
                .contains("<span class=\"mark q\">waiting for approval</span>")
                .contains("<span class=\"note\">manual approval of a pass result</span><br>Waiting for a decision"
                        + " since 2026-11-03 ")
                .doesNotContain("stopped here");
    }

    @Test
    void render_deliveredRun_showsTheApprovalDecisionAndEveryTaskWithItsDuration() {
        String run = article(page, 2);

        assertThat(taskRows(run)).containsExactly("p deployment 35 s", "p test 20 s", "p deployment 48 s",
                "p test 3 min", "p evaluation 2.4 s", "p release 4.2 s", "p approval 22 min", "p deployment 35 s",
                "p release 4.2 s");
        assertThat(run).contains("<span class=\"badge p\">approved</span>")
                .contains("approval of a pass result</span><br>approved: by alice with gate approve</td>")
                .contains("<p class=\"msg p\">Delivered; the last sequence ran in <b>production</b>.</p>")
                .contains("<b>production</b> · delivery<span class=\"badge p\">pass</span>");
    }

    @Test
    void render_chosenRun_isShownFirstAndMarkedInTheList() {
        String html = HtmlReport.render(samples.evaluations,
                HtmlReport.Options.defaults().withRuns(samples.runs).withRun(samples.ids.get(2)));

        assertThat(html).contains("<article class=\"rd chosen\" id=\"r-2\">")
                .contains("<tr class=\"rr-2 chosen\">")
                .contains("<article class=\"rd\" id=\"r-0\">");
        assertThatThrownBy(() -> HtmlReport.render(samples.evaluations,
                HtmlReport.Options.defaults().withRuns(samples.runs).withRun("no-such-run")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no delivery run with id 'no-such-run' among the 3 runs of the report");
    }

    @Test
    void render_runsWithoutEvaluations_showOnlyTheDeliveries() {
        String html = HtmlReport.render(List.of(), HtmlReport.Options.defaults().withRuns(samples.runs.subList(1, 2)));

        assertThat(html).contains("<title>Quality gate · shop / carts</title>")
                .contains("<p>No evaluations · 1 delivery run</p>")
                .contains("<nav><a href=\"#deliveries\">Deliveries</a></nav>")
                .contains("<p class=\"hint\">The delivery run of carts in project shop")
                .doesNotContain("<table class=\"runs\">")
                .doesNotContain("<section id=\"heatmap\">")
                .doesNotContain("breakdown ›");
    }

    @Test
    void render_noRuns_pageHasNoDeliveryMarkupOrStyle() {
        String html = HtmlReport.render(samples.evaluations);

        assertThat(html).doesNotContain("deliveries").doesNotContain(".rd{");
    }

    @Test
    void render_hostileTextsInEvents_areEscapedEverywhere() {
        String hostile = "<x-injected a='1' onclick=\\\"alert(1)\\\">";
        List<String> events = samples.runs.get(1).stream()
                .map(json -> json.replace("carts-2.jar", hostile).replace("buildId", hostile)
                        .replace("blue_green_service", hostile).replace("samples, none failed", hostile)
                        .replace("staging", "st<x-injected>g"))
                .toList();

        String html = HtmlReport.render(samples.evaluations, HtmlReport.Options.defaults().withRuns(List.of(events)));

        assertThat(html).doesNotContain("<x-injected").contains("&lt;x-injected a='1' onclick=\"alert(1)\"&gt;")
                .contains("title=\"st&lt;x-injected&gt;g · delivery: fail\"")
                .contains("st&lt;x-injected&gt;g");
        assertThat(count(html, "<script")).isEqualTo(1);
    }

    @Test
    void render_withRuns_staysSelfContainedUnderItsPolicy() throws Exception {
        String style = page.substring(page.indexOf("<style>") + 7, page.indexOf("</style>"));
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.getBytes(StandardCharsets.UTF_8)));

        assertThat(style).contains(".rd{display:none}");
        assertThat(page).contains("content=\"default-src &#39;none&#39;; style-src &#39;sha256-" + hash + "&#39;;")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("src=\"");
    }

    @Test
    void render_threeRuns_addFewKilobytes() {
        String without = HtmlReport.render(samples.evaluations);

        assertThat(page.length() - without.length()).isBetween(10_000, 24_000);
    }

    @Test
    void render_deployerThrew_taskIsAnErrorWhereTheRunStopped() {
        Shipyard shipyard = GateYaml.readShipyard(String.join("\n",
                "apiVersion: spec.keptn.sh/0.2.3",
                "kind: Shipyard",
                "metadata: {name: shop}",
                "spec:",
                "  stages:",
                "    - name: dev",
                "      sequences:",
                "        - name: delivery",
                "          tasks: [{name: deployment, properties: {deploymentstrategy: direct}}]",
                "").getBytes(StandardCharsets.UTF_8), "shipyard.yaml");
        Deployer broken = new Deployer() {
            @Override
            public Set<String> strategies() {
                return Set.of("direct");
            }

            @Override
            public DeploymentResult deploy(DeploymentRequest request) {
                throw new IllegalStateException("disk <full>");
            }

            @Override
            public DeploymentResult rollback(DeploymentRequest request) {
                return DeploymentResult.pass("nothing to roll back");
            }
        };
        EventLog log = EventLog.inMemory();
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard).deployer(broken).eventLog(log).build()) {
            runner.start(DeliveryRequest.of("shop", "carts", "carts-9.jar"));
        }
        String id = log.runs(1).get(0);
        List<String> events = log.events(id).stream().map(LoggedEvent::json).toList();

        String html = HtmlReport.render(List.of(), HtmlReport.Options.defaults().withRuns(List.of(events)));
        DeliveryRun read = DeliveryRun.readAll(List.of(events)).get(0);

        assertThat(article(html, 0)).contains("<span class=\"badge big n\">error</span>")
                .contains("<tr class=\"tk n stop\" data-task=\"deployment\">")
                .contains("<span class=\"badge n\">error</span><span class=\"mark stop\">stopped here</span>")
                .contains("disk &lt;full&gt;");
        assertThat(describe(read)).isEqualTo(describe(RunSummary.of(events.stream().map(DeliveryEvent::fromJson)
                .toList())));
    }

    /**
     * The report reads runs from their events itself (the delivery package sits above it); for every prefix of every
     * sample run — so also for runs still running or waiting — it must agree with the runner's own summary.
     */
    @Test
    void readAll_everyPrefixOfEveryRun_agreesWithTheRunnersSummary() {
        int compared = 0;
        for (List<String> run : samples.runs) {
            for (int n = 1; n <= run.size(); n++) {
                List<String> prefix = run.subList(0, n);
                DeliveryRun read = DeliveryRun.readAll(List.of(prefix)).get(0);
                RunSummary summary = RunSummary.of(prefix.stream().map(DeliveryEvent::fromJson).toList());

                assertThat(describe(read)).as("first %d events of run %s", n, read.runId)
                        .isEqualTo(describe(summary));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(60);
    }

    private static String describe(DeliveryRun run) {
        StringBuilder sb = new StringBuilder(run.runId + " " + run.project + "/" + run.service + " " + run.artifact
                + " " + run.state + " " + run.result + " at " + run.stage() + " from "
                + run.started + " to " + run.updated + "\n");
        for (DeliveryRun.Sequence s : run.sequences) {
            sb.append(s.stage()).append('.').append(s.name()).append(' ')
                    .append(s.finished() == null ? "-" : s.errored() ? "errored" : s.result()).append('\n');
            for (DeliveryRun.Task t : s.tasks()) {
                boolean waiting = t == run.waitingTask();
                sb.append("  ").append(t.name()).append(' ')
                        .append(t.finished() == null ? (waiting ? RunState.WAITING : RunState.RUNNING)
                                : t.errored() ? Verdict.FAIL + " errored" : t.result())
                        .append(' ').append(t.message()).append('\n');
            }
        }
        DeliveryRun.Task stop = run.stop;
        DeliveryRun.Sequence stopSequence = run.stopSequence;
        sb.append("stop ").append(stop == null || stopSequence == null ? "-" : stopSequence.stage() + "." + stop.name());
        return sb.toString();
    }

    private static String describe(RunSummary run) {
        StringBuilder sb = new StringBuilder(run.runId() + " " + run.project() + "/" + run.service() + " "
                + run.artifact() + " " + run.state() + " " + run.result() + " at " + run.stage()
                + " from " + run.started() + " to " + run.updated() + "\n");
        for (RunSummary.SequenceSummary s : run.sequences()) {
            sb.append(s.stage()).append('.').append(s.name()).append(' ')
                    .append(s.state() != RunState.FINISHED ? "-" : s.errored() ? "errored" : s.result()).append('\n');
            for (RunSummary.TaskSummary t : s.tasks()) {
                sb.append("  ").append(t.name()).append(' ')
                        .append(t.state() != RunState.FINISHED ? t.state()
                                : t.errored() ? Verdict.FAIL + " errored" : t.result())
                        .append(' ').append(t.message()).append('\n');
            }
        }
        sb.append("stop ").append(run.firstFailure().map(f -> f.getKey().stage() + "." + f.getValue().name())
                .orElse("-"));
        return sb.toString();
    }

    @Test
    void render_eventsThatAreNotCloudEvents_failNamingTheRunAndTheEvent() {
        List<String> good = samples.runs.get(0);
        HtmlReport.Options notJson = HtmlReport.Options.defaults()
                .withRuns(List.of(good, List.of(good.get(0), "{\"type\": ")));
        HtmlReport.Options noTime = HtmlReport.Options.defaults()
                .withRuns(List.of(List.of("{\"type\":\"sh.keptn.event.dev.delivery.triggered\"}")));
        HtmlReport.Options noRunId = HtmlReport.Options.defaults()
                .withRuns(List.of(List.of(good.get(0).replace("shkeptncontext", "other"))));
        HtmlReport.Options empty = HtmlReport.Options.defaults().withRuns(List.of(List.of()));

        assertThatThrownBy(() -> HtmlReport.render(List.of(), notJson)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("delivery run [1], event [1]: not valid JSON: ");
        assertThatThrownBy(() -> HtmlReport.render(List.of(), noTime)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delivery run [0], event [0]: not a CloudEvent with a type and an RFC 3339 time");
        assertThatThrownBy(() -> HtmlReport.render(List.of(), noRunId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delivery run [0]: its first event has no shkeptncontext (the run id)");
        assertThatThrownBy(() -> HtmlReport.render(List.of(), empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delivery run [0] has no events");
    }
}
