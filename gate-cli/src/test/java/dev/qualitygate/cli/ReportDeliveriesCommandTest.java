package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gate report --runs/--run} over a store holding three delivery runs of carts (see {@link StoredDeliveries}),
 * read as text; {@code ReportDeliveriesBrowserTest} checks what a person sees.
 */
class ReportDeliveriesCommandTest {
    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static StoredDeliveries deliveries;

    @BeforeAll
    static void deliver() throws IOException {
        deliveries = StoredDeliveries.create(shared);
    }

    private GateRun report(String stage, String... args) {
        String[] all = new String[args.length + 9];
        System.arraycopy(new String[] {"report", "--store", deliveries.store.toString(), "--project", "shop",
            "--stage", stage, "--service", "carts"}, 0, all, 0, 9);
        System.arraycopy(args, 0, all, 9, args.length);
        return gate(all).hasNoStackTrace();
    }

    private static String article(String page, int index) {
        String from = page.substring(page.lastIndexOf("<article", page.indexOf("\" id=\"r-" + index + "\">")));
        return from.substring(0, from.indexOf("</article>"));
    }

    @Test
    void report_runsOne_showsOnlyTheNewestRun() throws IOException {
        Path out = tmp.resolve("r.html");

        GateRun run = report("staging", "--runs", "1", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).singleElement().asString()
                .startsWith("Wrote " + out + ": 3 evaluations, 1 delivery run, ");
        String page = Files.readString(out);
        assertThat(page).contains("<article class=\"rd chosen\" id=\"r-0\">").doesNotContain("id=\"r-1\"");
        assertThat(article(page, 0)).contains("carts-3.jar");
    }

    @Test
    void report_olderRunChosen_isShownFirstBesideTheNewest() throws IOException {
        Path out = tmp.resolve("r.html");
        String oldest = deliveries.runIds.get(0);

        GateRun run = report("staging", "--runs", "1", "--run", oldest, "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).singleElement().asString().contains(": 3 evaluations, 2 delivery runs, ");
        String page = Files.readString(out);
        assertThat(article(page, 0)).startsWith("<article class=\"rd\" id=\"r-0\">").contains("carts-3.jar");
        assertThat(article(page, 1)).startsWith("<article class=\"rd chosen\" id=\"r-1\">").contains("carts-1.jar")
                .contains(oldest);
    }

    @Test
    void report_runsZero_leavesTheDeliveriesOut() throws IOException {
        Path out = tmp.resolve("r.html");

        GateRun run = report("staging", "--runs", "0", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).singleElement().asString().contains(": 3 evaluations, ");
        assertThat(Files.readString(out)).doesNotContain("id=\"deliveries\"");
    }

    @Test
    void report_stageWithoutEvaluations_showsTheDeliveriesAlone() throws IOException {
        Path out = tmp.resolve("r.html");

        GateRun run = report("production", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).singleElement().asString()
                .startsWith("Wrote " + out + ": 0 evaluations, 3 delivery runs, ");
        assertThat(Files.readString(out)).contains("<nav><a href=\"#deliveries\">Deliveries</a></nav>")
                .contains("There are no evaluations to show.");
    }

    @Test
    void report_stageWithoutEvaluations_junitOrAnEvaluationIsAnError() {
        GateRun junit = report("production", "--junit", tmp.resolve("j.xml").toString());
        GateRun chosen = report("production", "--evaluation", "eval-1", "--out", tmp.resolve("r.html").toString());

        assertThat(junit.exitCode()).isEqualTo(2);
        assertThat(junit.errLines()).first().asString().startsWith(deliveries.store
                + ": no evaluations of shop/production/carts in the store;");
        assertThat(chosen.exitCode()).isEqualTo(2);
        assertThat(chosen.errLines()).first().asString().startsWith("--evaluation eval-1: no such evaluation among"
                + " the 0 read");
        assertThat(tmp.resolve("r.html")).doesNotExist();
    }

    @Test
    void report_unknownRun_isUsageErrorSayingWhereRunsAreListed() {
        GateRun run = report("staging", "--run", "nope", "--out", tmp.resolve("r.html").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("--run nope: no such run in the event log of " + deliveries.store
                + " ('gate status --store " + deliveries.store + "' lists them)");
        assertThat(tmp.resolve("r.html")).doesNotExist();
    }

    @Test
    void report_runOfAnotherService_isUsageError() {
        String id = deliveries.runIds.get(1);

        GateRun run = gate("report", "--store", deliveries.store.toString(), "--project", "shop", "--stage",
                "staging", "--service", "orders", "--run", id, "--out", tmp.resolve("r.html").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("--run " + id + " delivers carts of project shop, not orders of"
                + " project shop");
    }

    @Test
    void report_runsWithoutStoreOrNegative_areUsageErrors() throws IOException {
        Path history = Files.writeString(tmp.resolve("h.json"), "[]");

        GateRun withHistory = gate("report", "--history", history.toString(), "--run", "x", "--out", "r.html");
        GateRun negative = report("staging", "--runs", "-1", "--out", "r.html");

        assertThat(withHistory.exitCode()).isEqualTo(2);
        assertThat(withHistory.errLines()).first().isEqualTo("--run needs --store: delivery runs are read from the"
                + " event log of a store");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.errLines()).first().isEqualTo("--runs must be at least 0, was -1");
    }
}
