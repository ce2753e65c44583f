package dev.qualitygate.cli;

import dev.qualitygate.delivery.DeliveryEvent;
import dev.qualitygate.delivery.DeliveryListener;
import dev.qualitygate.delivery.EventTypes;
import dev.qualitygate.delivery.RunState;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.model.Verdict;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints a delivery's progress, one line per sequence and task step, as it happens; and the outcome at the end. */
final class ProgressPrinter implements DeliveryListener {
    private final PrintWriter out;
    private final String indent;

    ProgressPrinter(PrintWriter out, String indent) {
        this.out = out;
        this.indent = indent;
    }

    @Override
    public void onEvent(DeliveryEvent event) {
        EventTypes.Parsed type = event.parsedType().orElse(null);
        if (type == null) {
            return;
        }
        String stage = String.format(Locale.ROOT, "%-13s", "[" + event.stage() + "]");
        if (type.isSequence()) {
            if (type.phase() == EventTypes.Phase.TRIGGERED) {
                line(stage + type.name() + " triggered");
            } else if (type.phase() == EventTypes.Phase.FINISHED) {
                line(stage + type.name() + " finished: " + outcome(event));
            }
            return;
        }
        if (type.phase() == EventTypes.Phase.TRIGGERED) {
            line(stage + "  " + type.name() + strategy(event, type.name()) + " ...");
        } else if (type.phase() == EventTypes.Phase.FINISHED) {
            line(stage + "  " + type.name() + " " + outcome(event)
                    + (event.message().isEmpty() ? "" : ": " + event.message()));
        }
    }

    private static String strategy(DeliveryEvent triggered, String task) {
        String key = task.equals("test") ? "teststrategy" : task.equals("deployment") ? "deploymentstrategy" : null;
        if (key != null && triggered.data().get(task) instanceof Map<?, ?> properties
                && properties.get(key) != null) {
            return " (" + properties.get(key) + ")";
        }
        return "";
    }

    private static String outcome(DeliveryEvent event) {
        if ("errored".equals(event.status())) {
            return "errored";
        }
        return event.result().map(Verdict::keyword).orElse("?");
    }

    private void line(String text) {
        out.println(indent + text);
        out.flush();
    }

    /** One paragraph on how the run stands, with what to do next. */
    static String outcome(RunSummary run) {
        String artifact = run.artifact();
        if (run.state() == RunState.WAITING) {
            return "Waiting for approval in " + run.stage() + " (run " + run.runId() + ").\n"
                    + "  Approve with: gate approve " + run.runId() + "\n"
                    + "  Reject with:  gate reject " + run.runId();
        }
        if (run.state() == RunState.RUNNING) {
            return "Run " + run.runId() + " is running in " + run.stage() + ", or the process running it ended"
                    + " before its task finished (last event at " + run.updated() + ").";
        }
        StringBuilder sb = new StringBuilder();
        var failure = run.firstFailure();
        if (failure.isEmpty()) {
            sb.append(run.result() == Verdict.WARNING ? "Delivered with a warning: " : "Delivered: ")
                    .append(artifact).append(" passed ")
                    .append(String.join(", ", run.sequences().stream().map(s -> s.stage()).distinct().toList()))
                    .append('.');
            return sb.toString();
        }
        var seq = failure.get().getKey();
        var task = failure.get().getValue();
        sb.append(run.errored() ? "Errored in " : "Stopped in ").append(seq.stage()).append(": ")
                .append(artifact).append(' ').append(task.name()).append(task.errored() ? " errored" : " failed")
                .append(": ").append(task.message());
        run.sequences().stream().filter(s -> s != seq && s.stage().equals(seq.stage()) && s.name().equals("rollback"))
                .forEach(s -> sb.append("\nRolled back: rollback ").append(s.result() == null ? "running"
                        : s.result().keyword()).append(s.message().isEmpty() ? "" : ": " + s.message()));
        return sb.toString();
    }
}
