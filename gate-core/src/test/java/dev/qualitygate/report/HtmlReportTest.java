package dev.qualitygate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML report of the real engine's results, read as text. What a person sees in a browser is checked by
 * {@code ReportCommandBrowserTest} in gate-cli.
 */
class HtmlReportTest {
    private static final Pattern CELL = Pattern.compile("<td class=(\\w)>([^<]*)");
    private static final Pattern BLOCK = Pattern.compile("<div class=\"blk\"><table class=\"heatmap\">.*?<tbody>(.*?)"
            + "</tr></tbody></table></div>", Pattern.DOTALL);

    private static List<EvaluationResult> builds;
    private static String page;

    @BeforeAll
    static void render() {
        builds = ReportSamples.twentyBuilds();
        page = HtmlReport.render(builds);
    }

    /**
     * The heatmap's body rows, each as its cells (class and text) across all blocks of columns, oldest first; the
     * total row first.
     */
    private static List<List<String[]>> heatmapRows(String html) {
        List<String> blocks = new ArrayList<>();
        Matcher tables = BLOCK.matcher(html);
        while (tables.find()) {
            blocks.add(0, tables.group(1));
        }
        List<List<String[]>> rows = new ArrayList<>();
        for (String block : blocks) {
            String[] trs = block.split("</tr>");
            for (int i = 0; i < trs.length; i++) {
                if (rows.size() == i) {
                    rows.add(new ArrayList<>());
                }
                Matcher m = CELL.matcher(trs[i]);
                while (m.find()) {
                    rows.get(i).add(new String[] {m.group(1), m.group(2)});
                }
            }
        }
        return rows;
    }

    private static String classes(List<String[]> cells) {
        StringBuilder sb = new StringBuilder();
        cells.forEach(c -> sb.append(c[0]));
        return sb.toString();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void render_twentyBuilds_heatmapColoursEachCellByStatusWithTheTotalOnTop() {
        List<List<String[]>> rows = heatmapRows(page);

        assertThat(rows).extracting(HtmlReportTest::classes).containsExactly(
                "ppppppwwpwpwfppfpppf",
                "ppppppwppwppfppppppw",
                "pppppppppppwpppnpppf",
                "pppppppfpppppppppppp",
                "iiiiiiiiiiiiiiiiiiii");
        assertThat(rows.get(0)).extracting(c -> c[1]).startsWith("100", "100").contains("87.5", "75", "50");
        assertThat(rows.get(2).get(11)[1]).isEqualTo("1.48");
        assertThat(rows.get(2).get(15)[1]).isEqualTo("n/a");
        assertThat(rows.get(3).get(7)[1]).isEqualTo("1032");
    }

    @Test
    void render_twentyBuilds_rowsAreTheObjectivesWithKeySliMarked() {
        assertThat(page).contains("<tr><th scope=\"row\"><span class=\"obj\">Response time p95</span>"
                + "<span class=\"sli\">response_time_p95</span></th>");
        assertThat(page).contains("<tr><th scope=\"row\"><span class=\"obj\">Error rate</span><span class=\"key\"");
        assertThat(page).contains("<tr><th scope=\"row\"><span class=\"obj\">throughput</span></th></tr>");
        assertThat(page).contains("<tr aria-label=\"throughput\"><td class=p>1210<td class=p>1195");
    }

    @Test
    void render_twentyBuilds_columnsNameBuildAndTimeAndLinkTheirBreakdown() {
        assertThat(page).contains("<th scope=\"col\" title=\"1.4.1 · 2026-11-02 08:00 UTC · pass\">"
                + "<a href=\"#e-0\">1.4.1</a><span>11-02</span><span>08:00</span></th>");
        assertThat(page).contains("<th scope=\"col\" class=\"sel\" title=\"1.4.20 · 2026-11-02 22:53 UTC · fail\">"
                + "<a href=\"#e-19\">1.4.20</a>");
        assertThat(count(page, "<article class=\"bd")).isEqualTo(20);
    }

    @Test
    void render_newestFails_itsBreakdownIsShownWithTheFailingObjectivesExplanation() {
        EvaluationResult newest = builds.get(19);
        IndicatorResult errorRate = newest.objective("error_rate").orElseThrow();
        assertThat(errorRate.status()).isEqualTo(ObjectiveStatus.FAIL);
        Html expected = new Html(200).text(errorRate.explanation());

        String chosen = page.substring(page.indexOf("<article class=\"bd chosen\" id=\"e-19\">"));
        chosen = chosen.substring(0, chosen.indexOf("</article>"));
        assertThat(chosen).contains("<span class=\"badge big f\">fail</span>")
                .contains("Score <b>50</b>")
                .contains("Evaluation failed due to key_sli objective 'Error rate'")
                .contains("<tr class=\"why\"><td colspan=\"7\">" + expected + "</td></tr>")
                .contains("<span class=\"t bad\">✗ &lt;=1</span>")
                .contains("<span class=\"t bad\">✗ &lt;=+10% <small>→ 464.933</small></span>")
                .contains("<td class=\"num\">422.667</td>");
        assertThat(count(page, "class=\"bd chosen\"")).isEqualTo(1);
    }

    @Test
    void render_chosenOlderEvaluation_isShownAndMarkedAndKeptBeyondTheBreakdownLimit() {
        String html = HtmlReport.render(builds, HtmlReport.Options.defaults().withChosen("eval-3").withBreakdowns(5));

        assertThat(count(html, "<article class=\"bd")).isEqualTo(6);
        assertThat(html).contains("<article class=\"bd chosen\" id=\"e-2\">")
                .contains("<th scope=\"col\" class=\"sel\" title=\"1.4.3 ")
                .contains("<a href=\"#e-15\">1.4.16</a>")
                .contains("<span class=\"b\">1.4.15</span>")
                .contains("holds the breakdowns of 6 of the 20 evaluations");
    }

    @Test
    void render_oneBreakdownAndAnOlderChosen_holdsTheNewestForTheTitleBarsLink() {
        String html = HtmlReport.render(builds, HtmlReport.Options.defaults().withChosen("eval-3").withBreakdowns(1));

        assertThat(count(html, "<article class=\"bd")).isEqualTo(2);
        assertThat(html).contains("<a class=\"verdict f\" href=\"#e-19\">", "<article class=\"bd\" id=\"e-19\">",
                "<article class=\"bd chosen\" id=\"e-2\">");
    }

    @Test
    void render_unknownChosenId_isRefusedNamingIt() {
        assertThatThrownBy(() -> HtmlReport.render(builds, HtmlReport.Options.defaults().withChosen("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no evaluation with id 'nope' among the 20 evaluations of the report");
    }

    @Test
    void options_breakdownsBelowOne_areRefused() {
        assertThatThrownBy(() -> HtmlReport.Options.defaults().withBreakdowns(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("breakdowns must be >= 1, was 0");
    }

    @Test
    void render_trends_drawAbsoluteThresholdsDashedAndBaselineTargetsDotted() {
        String trend = page.substring(page.indexOf("<figure class=\"trend\" id=\"t-0\">"),
                page.indexOf("<figure class=\"trend\" id=\"t-1\">"));

        assertThat(trend).contains("<path class=\"tp\" d=\"M50 ", "<path class=\"tw\" d=\"M50 ",
                "<path class=\"tp rel\" d=\"M");
        assertThat(trend).contains(">pass &lt;600</text>", ">warning &lt;=800</text>", ">pass &lt;=+10%</text>");
        assertThat(count(trend, "<circle ")).isEqualTo(20);
        assertThat(trend).contains("<title>1.4.13 · 2026-11-02 17:24: 851 (fail)</title>");

        String errorRate = page.substring(page.indexOf("<figure class=\"trend\" id=\"t-1\">"),
                page.indexOf("<figure class=\"trend\" id=\"t-2\">"));
        assertThat(count(errorRate, "<path class=\"miss\"")).isEqualTo(1);
        assertThat(count(errorRate, "<circle ")).isEqualTo(19);
    }

    @Test
    void render_constantThreshold_isOneStraightSegment() {
        String trend = page.substring(page.indexOf("<figure class=\"trend\" id=\"t-0\">"),
                page.indexOf("<figure class=\"trend\" id=\"t-1\">"));
        Matcher pass = Pattern.compile("<path class=\"tp\" d=\"([^\"]*)\"").matcher(trend);

        assertThat(pass.find()).isTrue();
        assertThat(pass.group(1)).matches("M50 [0-9.]+L448 [0-9.]+");
    }

    @Test
    void render_isSelfContained_policyForbidsEverythingButItsOwnHashedStyleAndScript() throws Exception {
        String style = between(page, "<style>", "</style>");
        String script = between(page, "<script>", "</script>");
        String policy = between(page, "http-equiv=\"Content-Security-Policy\" content=\"", "\"")
                .replace("&#39;", "'");

        assertThat(policy).isEqualTo("default-src 'none'; style-src '" + sha256(style) + "'; script-src '"
                + sha256(script) + "'; img-src data:; base-uri 'none'; form-action 'none'");
        assertThat(count(page, "<style")).isEqualTo(1);
        assertThat(count(page, "<script")).isEqualTo(1);
        assertThat(page).doesNotContain("http:", "https:", "src=", "url(", "@import", "<link", " style=");
    }

    @Test
    void render_textFromResults_isEscaped() {
        EvaluationResult newest = builds.get(19);
        List<IndicatorResult> objectives = new ArrayList<>(newest.indicatorResults());
        IndicatorResult first = objectives.get(0);
        objectives.set(0, new IndicatorResult("rt\"><script>alert(1)</script>", "<img src=x onerror=alert(2)>",
                first.value(), true, "", 0, first.status(), first.score(), first.weight(), false, first.passTargets(),
                first.warningTargets()));
        EvaluationResult hostile = newest.toBuilder().indicatorResults(objectives)
                .labels(Map.of("buildId", "<b>7</b>'\"")).message("</article><script>alert(3)</script>")
                .service("carts\u0000").build();

        String html = HtmlReport.render(List.of(hostile));

        assertThat(count(html, "<script")).isEqualTo(1);
        assertThat(html).doesNotContain("<img", "<b>7", "alert(1)</script>", "carts\u0000")
                .contains("&lt;img src=x onerror=alert(2)&gt;", "rt\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
                        "title=\"&lt;b&gt;7&lt;/b&gt;&#39;&quot;", "&lt;/article&gt;&lt;script&gt;alert(3)",
                        "carts\uFFFD");
    }

    @Test
    void render_noEvaluations_saysSoWithoutSections() {
        String html = HtmlReport.render(List.of());

        assertThat(html).contains("<title>Quality gate</title>", "There are no evaluations to show.")
                .doesNotContain("<section id=");
    }

    @Test
    void render_sameInput_sameOutput() {
        assertThat(HtmlReport.render(ReportSamples.twentyBuilds())).isEqualTo(page);
    }

    @Test
    void write_givesTheRenderedPage() throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.write(builds, HtmlReport.Options.defaults().withTitle("Carts <gate>"), out);

        assertThat(out.toString()).contains("<title>Carts &lt;gate&gt;</title>")
                .isEqualTo(HtmlReport.render(builds, HtmlReport.Options.defaults().withTitle("Carts <gate>")));
    }

    @Test
    void render_thousandEvaluationsOfTwentyObjectives_staysUnderTwoMegabytes() {
        List<EvaluationResult> history = ReportSamples.longHistory(1000, 20, 7);
        byte[] html = HtmlReport.render(history).getBytes(StandardCharsets.UTF_8);

        String text = new String(html, StandardCharsets.UTF_8);
        assertThat(count(text, "<div class=\"blk\"><table class=\"heatmap\">")).isEqualTo(20);
        List<List<String[]>> rows = heatmapRows(text);
        assertThat(rows).hasSize(21).allSatisfy(row -> assertThat(row).hasSize(1000));
        for (int c = 0; c < 1000; c += 99) {
            assertThat(rows.get(2).get(c)[1]).isEqualTo(Html.compact(history.get(c).indicatorResults().get(1).value()));
        }
        assertThat(text.indexOf("<a href=\"#e-999\">")).isLessThan(text.indexOf(">build-1<"));
        assertThat(text).contains("<path class=\"dots w\" d=\"M", "<path class=\"dots f\" d=\"M",
                "<path class=\"miss\" d=\"M").doesNotContain("<circle");
        assertThat(text).contains(".hm .blk{contain-intrinsic-size:auto 2900px auto 658px}");
        assertThat(html.length).isLessThan(2_000_000);
    }

    @Test
    void render_thousandEvaluationsAllFailing_staysUnderTwoMegabytes() {
        List<EvaluationResult> history = ReportSamples.longHistory(1000, 20, 7);
        List<EvaluationResult> failing = new ArrayList<>();
        for (EvaluationResult r : history) {
            List<IndicatorResult> objectives = new ArrayList<>();
            for (IndicatorResult ir : r.indicatorResults()) {
                objectives.add(new IndicatorResult(ir.sli(), ir.displayName(), ir.value() * 7.77, ir.success(),
                        ir.message(), ir.comparedValue(), ObjectiveStatus.FAIL, 0, ir.weight(), ir.keySli(),
                        ir.passTargets(), ir.warningTargets()));
            }
            failing.add(r.toBuilder().indicatorResults(objectives).build());
        }

        assertThat(HtmlReport.render(failing).getBytes(StandardCharsets.UTF_8).length).isLessThan(2_000_000);
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from) + from.length();
        return text.substring(start, text.indexOf(to, start));
    }

    private static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
