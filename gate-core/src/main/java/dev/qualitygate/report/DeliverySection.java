package dev.qualitygate.report;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.EvaluationStatus;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The delivery runs of the service: a list of the runs (when there are several) and, for the chosen one, its
 * sequences in the order they were triggered, each with its tasks: result (coloured as in the heatmap), how long it
 * took, the message (for an evaluation its score and the objectives that did not pass, linked to the breakdown when
 * the page holds it; for an approval the decision and who gave it), and a marker where the run stopped or waits for
 * approval. Clicking a run in the list shows that run instead (CSS {@code :target}, as for breakdowns).
 */
final class DeliverySection implements Section {
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The CSS of the section; only pages with delivery runs carry it. */
    static final String CSS = ".verdict+.verdict{margin-left:0}\n"
            + ".verdict.q,.badge.q,.st.q{background:#d6e4ff;color:#1d3f8f}"
            + ".verdict.r,.badge.r,.st.r{background:#e4e7eb;color:#3e4c59}\n"
            + ".st.p{background:var(--p);color:var(--p-ink)}.st.w{background:var(--w);color:var(--w-ink)}"
            + ".st.f{background:var(--f);color:var(--f-ink)}.st.n{background:repeating-linear-gradient(135deg,"
            + "transparent 0 5px,rgba(255,255,255,.3) 5px 8px) var(--f);color:var(--f-ink)}\n"
            + ".runs{width:100%;border-collapse:collapse;margin:0 0 18px}\n"
            + ".runs th{text-align:left;font-size:12px;color:var(--muted);font-weight:600;"
            + "border-bottom:2px solid var(--line);padding:6px 8px}\n"
            + ".runs td{padding:7px 8px;border-bottom:1px solid var(--line);vertical-align:middle}\n"
            + ".runs td:first-child{border-left:4px solid transparent}\n"
            + ".runs a{font-weight:600;color:#1d5ea8;text-decoration:none}.runs a:hover{text-decoration:underline}\n"
            + ".runs .sli{display:block}\n"
            + ".where{color:var(--muted)}\n"
            + ".rd{display:none}.rd.chosen{display:block}\n"
            + ".rds:has(.rd:target) .rd.chosen:not(:target){display:none}\n"
            + ".rd:target{display:block}.rd{scroll-margin-top:56px}\n"
            + ".rd .bd-head{margin-bottom:14px}.rd .badge.big{flex:none}\n"
            + ".msg.q{background:#e8f0fe;border-left-color:#2b59c3;color:#1d3f8f}"
            + ".msg.p{background:#e3f4ea;border-left-color:var(--mark-p);color:#14532d}"
            + ".msg.w{background:#fdf3d7;border-left-color:var(--mark-w);color:#4d3800}"
            + ".msg.r{background:#eef2f6;border-left-color:#829ab1;color:#334e68}\n"
            + ".msg code{font-size:12px}\n"
            + ".flow{display:flex;flex-wrap:wrap;align-items:stretch;gap:8px 0;margin:0 0 16px}\n"
            + ".st{display:flex;flex-direction:column;justify-content:center;min-width:110px;padding:6px 12px;"
            + "border-radius:6px;font-size:13px;line-height:1.3;position:relative}\n"
            + ".st b{font-weight:700}.st small{font-size:11.5px}\n"
            + ".st+.st{margin-left:26px}\n"
            + ".st+.st::before{content:\"\\2192\";position:absolute;left:-20px;top:50%;transform:translateY(-50%);"
            + "color:var(--muted);font-size:15px}\n"
            + ".st.stop{box-shadow:0 0 0 2px #fff,0 0 0 4px #7f1d1d}\n"
            + ".st.q{box-shadow:0 0 0 2px #fff,0 0 0 4px #2b59c3}\n"
            + ".flow.mini{margin:0;gap:4px 0}.flow.mini .st{min-width:0;padding:1px 8px;font-size:11.5px;"
            + "border-radius:4px}.flow.mini .st+.st{margin-left:16px}.flow.mini .st+.st::before{left:-13px;"
            + "font-size:12px}.flow.mini .st.stop{box-shadow:0 0 0 1px #fff,0 0 0 3px #7f1d1d}"
            + ".flow.mini .st.q{box-shadow:0 0 0 1px #fff,0 0 0 3px #2b59c3}\n"
            + ".tasks{width:100%;border-collapse:collapse}\n"
            + ".tasks thead th{text-align:left;font-size:12px;color:var(--muted);font-weight:600;"
            + "border-bottom:2px solid var(--line);padding:6px 8px}\n"
            + ".tasks tr.sh th{text-align:left;background:#f4f6f8;padding:7px 10px;font-weight:400;"
            + "border-top:10px solid #fff;border-bottom:1px solid var(--line)}\n"
            + ".tasks tr.sh b{font-size:14px}.tasks tr.sh .badge{margin-left:8px}\n"
            + ".tasks tr.sh .span{float:right;color:var(--muted);font-size:12.5px}\n"
            + ".tasks td{padding:7px 8px;vertical-align:top;border-bottom:1px solid var(--line)}\n"
            + ".tasks td:first-child{width:190px;border-left:4px solid var(--line);white-space:nowrap;font-weight:600}\n"
            + ".tasks td:first-child .sli{display:block}\n"
            + ".tasks tr.p td:first-child{border-left-color:var(--mark-p)}"
            + ".tasks tr.w td:first-child{border-left-color:var(--mark-w)}"
            + ".tasks tr.f td:first-child,.tasks tr.n td:first-child{border-left-color:var(--f)}"
            + ".tasks tr.q td:first-child{border-left-color:#2b59c3}.tasks tr.r td:first-child{border-left-color:#829ab1}\n"
            + ".tasks tr.stop td{background:#fdf1f1}.tasks tr.q td{background:#f1f5fe}\n"
            + ".tasks td.res{white-space:nowrap;width:1%}.tasks td.took{white-space:nowrap;width:1%}\n"
            + ".mark{display:block;margin-top:5px;padding:1px 8px;border-radius:4px;font-size:11px;font-weight:700;"
            + "text-transform:uppercase;letter-spacing:.04em;color:#fff;text-align:center}\n"
            + ".mark.stop{background:#7f1d1d}.mark.q{background:#2b59c3}\n"
            + ".det .note{color:var(--muted);font-size:12.5px}\n"
            + ".det a{color:#1d5ea8;white-space:nowrap}\n"
            + ".objs{list-style:none;margin:6px 0 0;padding:0}\n"
            + ".objs li{margin:3px 0;font-size:12.5px}.objs li .badge{margin-right:6px}\n"
            + ".objs li.f,.objs li.n{color:#9b1c1c}.objs li.w{color:#6b4e00}\n";

    private final List<DeliveryRun> runs;
    private final int chosen;
    /** Evaluation id → heatmap column, for the evaluations whose breakdown the page holds. */
    private final Map<String, Integer> breakdowns;

    DeliverySection(List<DeliveryRun> runs, int chosen, Map<String, Integer> breakdowns) {
        this.runs = runs;
        this.chosen = chosen;
        this.breakdowns = breakdowns;
    }

    @Override
    public String id() {
        return "deliveries";
    }

    @Override
    public String title() {
        return "Deliveries";
    }

    @Override
    public String css() {
        StringBuilder css = new StringBuilder(CSS);
        if (runs.size() > 1) {
            String selected = "{background:#e3ecf7}";
            css.append("#deliveries:not(:has(.rd:target)) .runs tr.chosen td").append(selected).append('\n');
            css.append("#deliveries:not(:has(.rd:target)) .runs tr.chosen td:first-child,");
            for (int i = 0; i < runs.size(); i++) {
                css.append("#deliveries:has(#r-").append(i).append(":target) .runs tr.rr-").append(i)
                        .append(" td:first-child").append(i + 1 < runs.size() ? "," : "");
            }
            css.append("{border-left-color:#102a43}\n");
            for (int i = 0; i < runs.size(); i++) {
                css.append("#deliveries:has(#r-").append(i).append(":target) .runs tr.rr-").append(i).append(" td")
                        .append(selected).append('\n');
            }
        }
        return css.toString();
    }

    @Override
    public void write(Html html) {
        DeliveryRun newest = runs.get(0);
        html.raw("<p class=\"hint\">");
        if (runs.size() == 1) {
            html.raw("The delivery run of ");
        } else {
            html.raw("The newest ").raw(runs.size()).raw(" delivery runs of ");
        }
        html.text(newest.service.isEmpty() ? "the service" : newest.service);
        if (!newest.project.isEmpty()) {
            html.raw(" in project ").text(newest.project);
        }
        html.raw(", read from the event log: each sequence in the order it was triggered, with its tasks.");
        if (runs.size() > 1) {
            html.raw(" Click a run to see it.");
        }
        html.raw("</p>");
        if (runs.size() > 1) {
            list(html);
        }
        html.raw("<div class=\"rds\">");
        for (int i = 0; i < runs.size(); i++) {
            run(html, i);
        }
        html.raw("</div>");
    }

    /** The title bar's link to the newest run: its outcome and stage. */
    static void newestRun(Html html, DeliveryRun run, String target) {
        Outcome outcome = outcome(run);
        html.raw("<a class=\"verdict ").raw(outcome.css).raw("\" href=\"#").raw(target)
                .raw("\"><span>Newest delivery</span><b>").raw(outcome.word).raw("</b><span>").text(outcome.where)
                .raw("</span></a>");
    }

    /** The table of runs, newest first, each linking to its details. */
    private void list(Html html) {
        html.raw("<table class=\"runs\"><thead><tr><th>Artifact</th><th>Outcome</th><th>Sequences</th>"
                + "<th>Started (UTC)</th><th class=\"num\">Took</th><th>Run</th></tr></thead><tbody>");
        for (int i = 0; i < runs.size(); i++) {
            DeliveryRun run = runs.get(i);
            html.raw("<tr class=\"rr-").raw(i).raw(i == chosen ? " chosen" : "").raw("\"><td><a href=\"#r-").raw(i)
                    .raw("\">").text(artifact(run)).raw("</a>");
            if (!run.labels.isEmpty()) {
                html.raw("<span class=\"sli\">");
                labels(html, run.labels);
                html.raw("</span>");
            }
            html.raw("</td><td>");
            Outcome outcome = outcome(run);
            html.raw("<span class=\"badge ").raw(outcome.css).raw("\">").raw(outcome.word).raw("</span>");
            if (!outcome.where.isEmpty()) {
                html.raw(" <span class=\"where\">").text(outcome.where).raw("</span>");
            }
            html.raw("</td><td>");
            flow(html, run, true);
            html.raw("</td><td>").raw(DAY_MINUTE.format(run.started)).raw("</td><td class=\"num\">")
                    .text(run.state == DeliveryRun.State.FINISHED ? duration(run.started, run.updated) : "–")
                    .raw("</td><td><code title=\"").attr(run.runId).raw("\">")
                    .text(run.runId.length() > 8 ? run.runId.substring(0, 8) + "…" : run.runId)
                    .raw("</code></td></tr>");
        }
        html.raw("</tbody></table>");
    }

    private void run(Html html, int index) {
        DeliveryRun run = runs.get(index);
        Outcome outcome = outcome(run);
        html.raw("<article class=\"rd").raw(index == chosen ? " chosen" : "").raw("\" id=\"r-").raw(index)
                .raw("\"><header class=\"bd-head\"><span class=\"badge big ").raw(outcome.css).raw("\">")
                .raw(outcome.word).raw("</span><div><h3>").text(artifact(run));
        if (!run.service.isEmpty()) {
            html.raw(" <small>").text(run.service);
            if (!run.project.isEmpty()) {
                html.raw(" · project ").text(run.project);
            }
            html.raw("</small>");
        }
        html.raw("</h3><p class=\"facts\">Started <b>").raw(DAY_TIME.format(run.started)).raw(" UTC</b>");
        if (run.state == DeliveryRun.State.FINISHED) {
            html.raw(" · took <b>").text(duration(run.started, run.updated)).raw("</b>");
        } else {
            html.raw(" · last event ").raw(DAY_TIME.format(run.updated)).raw(" UTC");
        }
        if (!run.labels.isEmpty()) {
            html.raw(" · labels ");
            labels(html, run.labels);
        }
        html.raw(" · run <code>").text(run.runId).raw("</code></p>");
        summary(html, run, outcome);
        html.raw("</div></header>");
        flow(html, run, false);
        tasks(html, run);
        html.raw("</article>");
    }

    /** The line under the run's heading: where it stopped and why, what it waits for, or where it got. */
    private static void summary(Html html, DeliveryRun run, Outcome outcome) {
        DeliveryRun.Task waiting = run.waitingTask();
        DeliveryRun.Task stop = run.stop;
        DeliveryRun.Sequence stopSequence = run.stopSequence;
        html.raw("<p class=\"msg ").raw(outcome.css.equals("n") ? "f" : outcome.css).raw("\">");
        if (waiting != null && run.current != null) {
            html.raw("Waiting for approval in <b>").text(run.current.stage()).raw("</b> since ")
                    .raw(DAY_TIME.format(waiting.started() == null ? waiting.triggered() : waiting.started()))
                    .raw(" UTC. Decide with <code>gate approve ").text(run.runId).raw("</code> or <code>gate reject ")
                    .text(run.runId).raw("</code>.");
        } else if (run.state == DeliveryRun.State.RUNNING && run.current != null) {
            html.raw("Running in <b>").text(run.current.stage()).raw("</b>: no finished event after ")
                    .raw(DAY_TIME.format(run.updated)).raw(" UTC. A run stays running when the process that ran it"
                            + " ended.");
        } else if (stop != null && stopSequence != null) {
            html.raw("Stopped in <b>").text(stopSequence.stage()).raw("</b> at <b>").text(stop.name()).raw("</b>");
            if (!stop.message().isEmpty()) {
                html.raw(": ").text(stop.message());
            }
            DeliveryRun.Sequence after = rollbackAfter(run, stopSequence);
            if (after != null) {
                html.raw("<br>Then <b>").text(after.stage()).raw(" · ").text(after.name()).raw("</b> ran: ")
                        .raw(sequenceWord(run, after)).raw('.');
            }
        } else {
            html.raw(run.result == Verdict.WARNING ? "Delivered with a warning" : "Delivered")
                    .raw("; the last sequence ran in <b>").text(run.stage()).raw("</b>.");
        }
        html.raw("</p>");
    }

    /** The first sequence triggered after the one that stopped, typically its rollback; or {@code null}. */
    private static DeliveryRun.@Nullable Sequence rollbackAfter(DeliveryRun run, DeliveryRun.Sequence stopped) {
        int at = run.sequences.indexOf(stopped);
        return at + 1 < run.sequences.size() ? run.sequences.get(at + 1) : null;
    }

    /** The sequences as a row of coloured boxes joined by arrows; the box where the run stopped or waits is ringed. */
    private static void flow(Html html, DeliveryRun run, boolean mini) {
        html.raw("<div class=\"flow").raw(mini ? " mini" : "").raw("\">");
        for (DeliveryRun.Sequence s : run.sequences) {
            String css = sequenceCss(run, s);
            boolean stopped = s == run.stopSequence;
            html.raw("<span class=\"st ").raw(css).raw(stopped ? " stop" : "").raw("\" title=\"").attr(s.stage())
                    .raw(" · ").attr(s.name()).raw(": ").raw(sequenceWord(run, s)).raw("\">");
            if (mini) {
                html.text(s.stage());
                if (!s.name().equals("delivery")) {
                    html.raw(" · ").text(s.name());
                }
            } else {
                html.raw("<b>").text(s.stage()).raw("</b><small>").text(s.name()).raw(" · ").raw(sequenceWord(run, s));
                if (s.finished() != null) {
                    html.raw(" · ").text(duration(s.triggered(), s.finished()));
                }
                html.raw("</small>");
            }
            html.raw("</span>");
        }
        html.raw("</div>");
    }

    private void tasks(Html html, DeliveryRun run) {
        html.raw("<table class=\"tasks\"><thead><tr><th>Task</th><th>Result</th><th class=\"num\">Took</th>"
                + "<th>Details</th></tr></thead>");
        for (DeliveryRun.Sequence s : run.sequences) {
            html.raw("<tbody><tr class=\"sh\"><th colspan=\"4\"><b>").text(s.stage()).raw("</b> · ").text(s.name())
                    .raw("<span class=\"badge ").raw(sequenceCss(run, s)).raw("\">").raw(sequenceWord(run, s))
                    .raw("</span><span class=\"span\">").raw(TIME.format(s.triggered()));
            if (s.finished() != null) {
                html.raw(" – ").raw(TIME.format(s.finished())).raw(" UTC · ").text(duration(s.triggered(), s.finished()));
            } else {
                html.raw(" UTC, not finished");
            }
            html.raw("</span></th></tr>");
            for (DeliveryRun.Task t : s.tasks()) {
                task(html, run, t);
            }
            html.raw("</tbody>");
        }
        html.raw("</table>");
    }

    private void task(Html html, DeliveryRun run, DeliveryRun.Task t) {
        boolean stop = t == run.stop;
        boolean waiting = t == run.waitingTask();
        String css = taskCss(t, waiting);
        html.raw("<tr class=\"tk ").raw(css).raw(stop ? " stop" : "").raw("\" data-task=\"").attr(t.name())
                .raw("\"><td>").text(t.name());
        if (!t.strategy().isEmpty()) {
            html.raw("<span class=\"sli\">").text(t.strategy()).raw("</span>");
        }
        html.raw("</td><td class=\"res\"><span class=\"badge ").raw(css).raw("\">").raw(taskWord(t, waiting))
                .raw("</span>");
        if (stop) {
            html.raw("<span class=\"mark stop\">stopped here</span>");
        } else if (waiting) {
            html.raw("<span class=\"mark q\">waiting for approval</span>");
        }
        html.raw("</td><td class=\"num took\">");
        if (t.finished() != null) {
            html.text(duration(t.triggered(), t.finished()));
        } else {
            html.raw("since ").raw(TIME.format(t.started() == null ? t.triggered() : t.started()));
        }
        html.raw("</td><td class=\"det\">");
        details(html, t, waiting);
        html.raw("</td></tr>");
    }

    private static String taskCss(DeliveryRun.Task t, boolean waiting) {
        if (t.finished() == null) {
            return waiting ? "q" : "r";
        }
        return t.errored() ? "n" : Page.verdictClass(t.result() == null ? Verdict.FAIL : t.result());
    }

    private static String taskWord(DeliveryRun.Task t, boolean waiting) {
        if (t.finished() == null) {
            return waiting ? "waiting" : "running";
        }
        if (t.errored()) {
            return "error";
        }
        Verdict result = t.result() == null ? Verdict.FAIL : t.result();
        if (t.name().equals("approval")) {
            return result == Verdict.FAIL ? "not approved" : "approved";
        }
        return result.keyword();
    }

    private void details(Html html, DeliveryRun.Task t, boolean waiting) {
        if (t.name().equals("approval")) {
            approval(html, t, waiting);
            return;
        }
        if (t.finished() == null) {
            html.raw("<span class=\"note\">No finished event yet: the task runs, or the process that ran it"
                    + " ended.</span>");
            return;
        }
        EvaluationResult evaluation = t.evaluation();
        if (evaluation != null) {
            evaluation(html, evaluation);
            return;
        }
        html.text(t.message().isEmpty() ? "–" : t.message());
    }

    private static void approval(Html html, DeliveryRun.Task t, boolean waiting) {
        String input = t.approvalInput();
        String mode = t.approvalMode();
        html.raw("<span class=\"note\">").text(mode.isEmpty() ? "approval" : mode + " approval").raw(" of a ")
                .text(input).raw(" result</span><br>");
        if (waiting) {
            html.raw("Waiting for a decision since ").raw(DAY_TIME.format(t.started() == null ? t.triggered() : t.started()))
                    .raw(" UTC.");
        } else if (t.finished() == null) {
            html.raw("<span class=\"note\">Not decided yet.</span>");
        } else {
            html.text(t.message().isEmpty() ? "–" : t.message());
        }
    }

    /** The score, the evaluation's message, and each objective that did not pass with its explanation. */
    private void evaluation(Html html, EvaluationResult r) {
        html.raw("Score <b>").tenths(r.score()).raw("</b>");
        List<IndicatorResult> objectives = r.indicatorResults();
        long scored = objectives.stream().filter(ir -> ir.status() != ObjectiveStatus.INFO).count();
        long notPassed = objectives.stream().filter(ir -> ir.status() == ObjectiveStatus.FAIL
                || ir.status() == ObjectiveStatus.WARNING || !ir.success()).count();
        if (scored > 0) {
            html.raw(" · ").raw(notPassed == 0 ? "all " + scored + " objectives passed"
                    : notPassed + " of " + scored + (scored == 1 ? " objective" : " objectives") + " did not pass");
        }
        if (r.status() == EvaluationStatus.ERRORED) {
            html.raw(" · errored");
        }
        Integer column = breakdowns.get(r.id());
        if (!r.id().isEmpty() && column != null) {
            html.raw(" · <a href=\"#e-").raw(column).raw("\">breakdown ›</a>");
        }
        if (!r.message().isEmpty() && (notPassed == 0 && r.result() != Verdict.PASS
                || r.status() == EvaluationStatus.ERRORED)) {
            html.raw("<br><span class=\"note\">").text(r.message()).raw("</span>");
        }
        if (notPassed > 0) {
            html.raw("<ul class=\"objs\">");
            for (IndicatorResult ir : objectives) {
                String css = Page.statusClass(ir);
                if (css.equals("f") || css.equals("w") || css.equals("n")) {
                    html.raw("<li class=\"").raw(css).raw("\"><span class=\"badge ").raw(css).raw("\">")
                            .raw(ir.success() ? ir.status().keyword() : "no value").raw("</span>")
                            .text(ir.explanation()).raw("</li>");
                }
            }
            html.raw("</ul>");
        }
    }

    /** How a run ended or stands, for its badge. */
    private record Outcome(String css, String word, String where) {
    }

    private static Outcome outcome(DeliveryRun run) {
        switch (run.state) {
            case WAITING:
                return new Outcome("q", "waiting", "for approval in " + run.stage());
            case RUNNING:
                return new Outcome("r", "running", "in " + run.stage());
            default:
                if (run.stop != null) {
                    return new Outcome(run.stop.errored() ? "n" : "f", run.stop.errored() ? "error" : "stopped",
                            "in " + run.stage());
                }
                return new Outcome(Page.verdictClass(run.result), "delivered", run.result == Verdict.WARNING
                        ? "with a warning, to " + run.stage() : "to " + run.stage());
        }
    }

    private static String sequenceCss(DeliveryRun run, DeliveryRun.Sequence s) {
        if (s.finished() == null) {
            return s == run.current && run.state == DeliveryRun.State.WAITING ? "q" : "r";
        }
        return s.errored() ? "n" : Page.verdictClass(s.result() == null ? Verdict.FAIL : s.result());
    }

    private static String sequenceWord(DeliveryRun run, DeliveryRun.Sequence s) {
        if (s.finished() == null) {
            return s == run.current && run.state == DeliveryRun.State.WAITING ? "waiting" : "running";
        }
        return s.errored() ? "error" : (s.result() == null ? Verdict.FAIL : s.result()).keyword();
    }

    private static String artifact(DeliveryRun run) {
        return run.artifact.isEmpty() ? "run " + run.runId : run.artifact;
    }

    private static void labels(Html html, Map<String, String> labels) {
        boolean first = true;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            html.raw(first ? "" : ", ").raw("<code>").text(e.getKey()).raw('=').text(e.getValue()).raw("</code>");
            first = false;
        }
    }

    /**
     * A duration for people: {@code 0.4 s}, {@code 12 s}, {@code 4 min 3 s}, {@code 2 h 5 min}, {@code 3 d 4 h}.
     */
    static String duration(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long millis = d.toMillis();
        if (millis < 10_000) {
            long tenths = Math.round(millis / 100.0);
            return tenths == 0 && millis > 0 ? "<0.1 s" : tenths / 10 + (tenths % 10 == 0 ? "" : "." + tenths % 10)
                    + " s";
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long minutes = seconds / 60;
        if (minutes < 24 * 60) {
            return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        long hours = minutes / 60;
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }
}
