package dev.qualitygate.report;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.EvaluationStatus;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The frame of the HTML report: head with inline CSS, title bar, navigation, the sections, footer and a small inline
 * script.
 *
 * <p>The page forbids itself every network access: its Content-Security-Policy allows nothing but its own inline
 * style and script, named by their SHA-256 hashes. A report that tried to load anything would get a console error
 * instead, which the browser test checks for.
 */
final class Page {
    /** Background colours of the statuses, as the heatmap shows them; the documentation lists the same. */
    static final String PASS = "#b7e4c7";
    static final String WARNING = "#f6c945";
    static final String FAIL = "#d64545";
    static final String INFO = "#dbe4ee";
    static final String ABSENT = "#f4f6f8";

    static final String CSS = ":root{--p:" + PASS + ";--p-ink:#14532d;--w:" + WARNING + ";--w-ink:#4d3800;--f:" + FAIL
            + ";--f-ink:#fff;--i:" + INFO + ";--i-ink:#334e68;--x:" + ABSENT + ";--line:#d9e2ec;--ink:#1f2933;"
            + "--muted:#52667a;--mark-p:#2f9e5a;--mark-w:#d69e00}\n"
            + "*{box-sizing:border-box}\n"
            + "body{margin:0;font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
            + "sans-serif;color:var(--ink);background:#eef2f6}\n"
            + "code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\n"
            + "header.top{background:#102a43;color:#fff;padding:18px 32px;display:flex;align-items:center;gap:24px;"
            + "flex-wrap:wrap}\n"
            + "header.top h1{margin:0;font-size:22px;font-weight:600}\n"
            + "header.top p{margin:4px 0 0;color:#bcccdc}\n"
            + ".verdict{margin-left:auto;display:flex;align-items:center;gap:12px;padding:8px 16px;border-radius:8px;"
            + "text-decoration:none;color:inherit}\n"
            + ".verdict b{font-size:20px;text-transform:uppercase;letter-spacing:.04em}\n"
            + ".verdict.p{background:var(--p);color:var(--p-ink)}.verdict.w{background:var(--w);color:var(--w-ink)}"
            + ".verdict.f{background:var(--f);color:var(--f-ink)}\n"
            + "nav{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);"
            + "padding:0 26px;display:flex;gap:4px}\n"
            + "nav a{padding:10px 8px;color:var(--ink);text-decoration:none;border-bottom:3px solid transparent}\n"
            + "nav a:hover,nav a:focus{border-color:#486581}\n"
            + "main{padding:20px 32px 24px}\n"
            + "section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px 18px;"
            + "margin-bottom:20px;scroll-margin-top:56px}\n"
            + "h2{margin:0 0 4px;font-size:18px}\n"
            + ".hint{margin:0 0 12px;color:var(--muted)}\n"
            + ".empty{font-size:16px}\n"
            + ".hmw{display:flex;align-items:flex-start;border:1px solid var(--line);border-radius:6px;"
            + "overflow:hidden}\n"
            + ".hm{flex:1;min-width:0;overflow-x:auto;display:flex;flex-direction:row-reverse;align-items:flex-start}\n"
            + ".hm .blk{flex:none;content-visibility:auto}\n"
            + ".hm .blk:first-child{margin-right:auto}\n"
            + ".heatmap,.names{border-collapse:separate;border-spacing:0;font-size:12px;"
            + "font-variant-numeric:tabular-nums}\n"
            + ".heatmap td,.heatmap th{width:58px;min-width:58px;max-width:58px;height:28px;padding:0 3px;"
            + "text-align:center;white-space:nowrap;overflow:hidden;border-right:1px solid #fff;"
            + "border-bottom:1px solid #fff}\n"
            + ".heatmap th,.names thead th{height:64px;padding:6px 3px;vertical-align:bottom;font-weight:400;"
            + "color:var(--muted);background:#fff;border-bottom:1px solid var(--line);line-height:1.3}\n"
            + ".heatmap th a,.heatmap th .b{display:block;font-weight:600;color:var(--ink);overflow:hidden;"
            + "text-overflow:ellipsis}\n"
            + ".heatmap th a{color:#1d5ea8}\n"
            + ".heatmap th span{display:block}\n"
            + ".heatmap th.sel{background:#e3ecf7;box-shadow:inset 0 -3px #102a43}\n"
            + ".names{flex:none;width:260px;border-right:1px solid var(--line)}\n"
            + ".names th{width:260px;max-width:260px;height:28px;padding:0 10px;text-align:left;font-weight:500;"
            + "border-bottom:1px solid var(--line);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\n"
            + ".names thead th{padding:0 10px 6px}\n"
            + "tr.total td,tr.total th{font-weight:700;height:34px;border-bottom:3px solid #fff}\n"
            + ".names tr.total th{border-bottom-color:var(--line)}\n"
            + ".names .sli{margin-left:6px}\n"
            + "td.p,.legend i.p,.badge.p,.now.p{background:var(--p);color:var(--p-ink)}\n"
            + "td.w,.legend i.w,.badge.w,.now.w{background:var(--w);color:var(--w-ink)}\n"
            + "td.f,.legend i.f,.badge.f,.now.f{background:var(--f);color:var(--f-ink)}\n"
            + "td.n,.legend i.n,.badge.n,.now.n{background:repeating-linear-gradient(135deg,transparent 0 5px,"
            + "rgba(255,255,255,.3) 5px 8px) var(--f);color:var(--f-ink)}\n"
            + "td.i,.legend i.i,.badge.i,.now.i{background:var(--i);color:var(--i-ink)}\n"
            + "td.x,.legend i.x{background:var(--x)}\n"
            + ".legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;margin:12px 0 0;padding:0;"
            + "color:var(--muted);font-size:12.5px}\n"
            + ".legend li{display:flex;align-items:center;gap:6px}\n"
            + ".legend i{display:inline-block;width:22px;height:14px;border-radius:3px;border:1px solid var(--line)}\n"
            + ".key{display:inline-block;margin-left:6px;padding:0 5px;border-radius:3px;background:#102a43;color:#fff;"
            + "font-size:10px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;vertical-align:1px}\n"
            + ".sli{color:var(--muted);font-weight:400;font-size:11.5px}\n"
            + ".bd{display:none}.bd.chosen{display:block}\n"
            + ".bds:has(.bd:target) .bd.chosen:not(:target){display:none}\n"
            + ".bd:target{display:block}.bd{scroll-margin-top:56px}\n"
            + ".bd-head{display:flex;gap:16px;align-items:flex-start;margin:4px 0 12px}\n"
            + ".bd-head h3{margin:0;font-size:16px}.bd-head h3 small{font-weight:400;color:var(--muted);"
            + "margin-left:6px}\n"
            + ".facts{margin:2px 0 0;color:var(--muted)}.facts b{color:var(--ink)}\n"
            + ".counts .c{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px}\n"
            + ".c.p{background:var(--mark-p)}.c.w{background:var(--mark-w)}.c.f{background:var(--f)}"
            + ".c.n{background:repeating-linear-gradient(135deg,transparent 0 2px,rgba(255,255,255,.5) 2px 3px) var(--f)}"
            + ".c.i{background:#829ab1}\n"
            + ".msg{margin:8px 0 0;padding:6px 10px;background:#fdecec;border-left:3px solid var(--f);color:#7f1d1d}\n"
            + ".badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:11.5px;font-weight:700;"
            + "text-transform:uppercase;letter-spacing:.04em;white-space:nowrap}\n"
            + ".badge.big{font-size:16px;padding:8px 14px;border-radius:6px;min-width:96px;text-align:center}\n"
            + ".objectives{width:100%;border-collapse:collapse}\n"
            + ".objectives th{text-align:left;font-size:12px;color:var(--muted);font-weight:600;"
            + "border-bottom:2px solid var(--line);padding:6px 8px}\n"
            + ".objectives td{padding:7px 8px 3px;vertical-align:top}\n"
            + ".objectives tbody{border-bottom:1px solid var(--line)}\n"
            + ".objectives tr:first-child td:first-child{border-left:4px solid var(--line)}\n"
            + ".objectives tbody.p tr:first-child td:first-child{border-left-color:var(--mark-p)}\n"
            + ".objectives tbody.w tr:first-child td:first-child{border-left-color:var(--mark-w)}\n"
            + ".objectives tbody.f tr:first-child td:first-child,.objectives tbody.n tr:first-child td:first-child"
            + "{border-left-color:var(--f)}\n"
            + ".objectives .sli{display:block}\n"
            + ".objectives tr.why td{padding:0 8px 8px 20px;color:var(--muted);font-size:12.5px}\n"
            + ".objectives tbody.f tr.why td,.objectives tbody.n tr.why td{color:#9b1c1c}\n"
            + ".objectives tbody.w tr.why td{color:#6b4e00}\n"
            + ".num{text-align:right;font-variant-numeric:tabular-nums}\n"
            + ".objectives th.num{text-align:right}\n"
            + ".t{display:inline-block;margin:0 6px 3px 0;padding:0 6px;border-radius:4px;background:#eef2f6;"
            + "white-space:nowrap;font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\n"
            + ".t.ok{background:#e3f4ea;color:#14532d}.t.bad{background:#fde2e2;color:#9b1c1c}\n"
            + ".t small{font-size:11px;opacity:.85}\n"
            + ".trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:16px}\n"
            + ".trend{margin:0;border:1px solid var(--line);border-radius:6px;padding:10px 12px 6px}\n"
            + ".trend figcaption{display:flex;align-items:baseline;gap:6px;font-weight:600}\n"
            + ".trend .sli{margin-left:4px}\n"
            + ".trend .now{margin-left:auto;padding:0 8px;border-radius:4px;font-variant-numeric:tabular-nums}\n"
            + ".chart{display:block;width:100%;height:auto}\n"
            + ".chart .plot{fill:#fbfcfe;stroke:var(--line)}\n"
            + ".chart .grid{stroke:#e4eaf0}\n"
            + ".chart text{font-size:10px;fill:var(--muted)}\n"
            + ".chart .ytick{text-anchor:end}\n"
            + ".chart .ln{fill:none;stroke:#334e68;stroke-width:1.6;stroke-linejoin:round}\n"
            + ".chart path.tp,.chart path.tw{fill:none;stroke-width:1.4;stroke-dasharray:6 4}\n"
            + ".chart path.tp{stroke:var(--mark-p)}.chart path.tw{stroke:var(--mark-w)}\n"
            + ".chart path.rel{stroke-dasharray:1.5 3;stroke-linecap:round}\n"
            + ".chart text.tp{fill:#23784a}.chart text.tw{fill:#8a6300}\n"
            + ".chart circle{stroke:#fff;stroke-width:1}\n"
            + ".chart circle.p{fill:var(--mark-p)}.chart circle.w{fill:var(--mark-w)}.chart circle.f{fill:var(--f)}"
            + ".chart circle.i{fill:#829ab1}\n"
            + ".chart .miss{stroke:var(--f);stroke-width:2;fill:none}\n"
            + ".chart .dots{fill:none;stroke-width:5;stroke-linecap:round}\n"
            + ".chart .dots.w{stroke:var(--mark-w)}.chart .dots.f{stroke:var(--f)}.chart .dots.i{stroke:#829ab1}\n"
            + "footer{padding:0 32px 28px;color:var(--muted);font-size:12.5px}\n";

    /**
     * Marks the heatmap column whose breakdown is shown when a link chose another one; the page works without it.
     */
    static final String SCRIPT = "(function(){"
            + "function mark(){var id=location.hash.slice(1),c=document.querySelector('.bd.chosen'),"
            + "a=document.querySelectorAll('.heatmap thead a');"
            + "if(!/^e-\\d+$/.test(id)||!document.getElementById(id)){id=c?c.id:'';}"
            + "for(var i=0;i<a.length;i++){a[i].parentNode.classList.toggle('sel',a[i].getAttribute('href')==='#'+id);}}"
            + "window.addEventListener('hashchange',mark);mark();})();";

    private static final String SCRIPT_HASH = sha256(SCRIPT);

    private Page() {
    }

    /**
     * Writes the whole page.
     *
     * @param title the page title
     * @param grid the evaluations
     * @param runs the delivery runs, newest first; may be empty
     * @param sections the sections in order; empty when there are neither evaluations nor runs
     */
    static void write(Html html, String title, Grid grid, List<DeliveryRun> runs, List<Section> sections) {
        StringBuilder style = new StringBuilder(CSS);
        sections.forEach(s -> style.append(s.css()));
        html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"").attr(policy(style.toString()))
                .raw("\"><meta name=\"generator\" content=\"QualityGate\"><title>").text(title).raw("</title><style>")
                .raw(style.toString()).raw("</style></head>\n<body><header class=\"top\"><div><h1>").text(title)
                .raw("</h1><p>");
        if (grid.columns() == 0) {
            html.raw("No evaluations");
        } else {
            html.raw(grid.columns()).raw(grid.columns() == 1 ? " evaluation" : " evaluations");
            String first = grid.whenText(0);
            String last = grid.whenText(grid.columns() - 1);
            if (!first.isEmpty() && !last.isEmpty()) {
                html.raw(" · ").raw(first).raw(" – ").raw(last).raw(" UTC");
            }
        }
        if (!runs.isEmpty()) {
            html.raw(" · ").raw(runs.size()).raw(runs.size() == 1 ? " delivery run" : " delivery runs");
        }
        html.raw("</p></div>");
        if (!runs.isEmpty()) {
            DeliverySection.newestRun(html, runs.get(0), "r-0");
        }
        if (grid.columns() > 0) {
            verdict(html, grid.evaluations.get(grid.columns() - 1), "e-" + (grid.columns() - 1));
        }
        html.raw("</header>\n<nav>");
        for (Section s : sections) {
            html.raw("<a href=\"#").raw(s.id()).raw("\">").text(s.title()).raw("</a>");
        }
        html.raw("</nav>\n<main>");
        for (Section s : sections) {
            html.raw("<section id=\"").raw(s.id()).raw("\"><h2>").text(s.title()).raw("</h2>");
            s.write(html);
            html.raw("</section>\n");
        }
        if (grid.columns() == 0) {
            html.raw("<section><p class=\"empty\">There are no evaluations to show.</p></section>");
        }
        html.raw("</main><footer>Made by QualityGate. This file is self-contained: it loads nothing and works offline."
                + " Times are UTC.</footer><script>").raw(SCRIPT).raw("</script></body></html>\n");
    }

    /**
     * The Content-Security-Policy of a page: nothing may load, only its own style sheet and script run (named by their
     * SHA-256 hashes); data: images stay allowed for pasted content.
     */
    static String policy(String style) {
        return "default-src 'none'; style-src '" + sha256(style) + "'; script-src '" + SCRIPT_HASH
                + "'; img-src data:; base-uri 'none'; form-action 'none'";
    }

    private static void verdict(Html html, EvaluationResult newest, String target) {
        boolean errored = newest.status() == EvaluationStatus.ERRORED;
        html.raw("<a class=\"verdict ").raw(errored ? "f" : verdictClass(newest.result())).raw("\" href=\"#")
                .raw(target).raw("\"><span>Newest</span><b>").raw(errored ? "error" : newest.result().keyword())
                .raw("</b><span>score ").tenths(newest.score()).raw("</span></a>");
    }

    /** The CSS class of an overall result: {@code p}, {@code w} or {@code f}. */
    static String verdictClass(Verdict verdict) {
        switch (verdict) {
            case PASS:
                return "p";
            case WARNING:
                return "w";
            default:
                return "f";
        }
    }

    /**
     * The CSS class of an objective's outcome: {@code i} for an informational objective, {@code n} for a missing
     * value (which fails the objective), else {@code p}, {@code w} or {@code f} by status.
     */
    static String statusClass(IndicatorResult result) {
        if (result.status() == ObjectiveStatus.INFO) {
            return "i";
        }
        if (!result.success()) {
            return "n";
        }
        switch (result.status()) {
            case PASS:
                return "p";
            case WARNING:
                return "w";
            default:
                return "f";
        }
    }

    /** An objective's label, a key-SLI mark, and its SLI name when the label is a display name. */
    static void objectiveName(Html html, String label, String sli, boolean keySli) {
        html.raw("<span class=\"obj\">").text(label).raw("</span>");
        if (keySli) {
            html.raw("<span class=\"key\" title=\"key SLI: if it fails, the evaluation fails\">key</span>");
        }
        if (!label.equals(sli)) {
            html.raw("<span class=\"sli\">").text(sli).raw("</span>");
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
