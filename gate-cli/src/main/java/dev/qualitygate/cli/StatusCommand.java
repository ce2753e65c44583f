package dev.qualitygate.cli;

import dev.qualitygate.delivery.DeliveryEvent;
import dev.qualitygate.delivery.DeliveryRunner;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.jdbc.DeliveryStore;
import dev.qualitygate.model.GateSettings;
import dev.qualitygate.yaml.GateYaml;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate status [ID]} and {@code gate events ID}: what the event log says about runs. */
final class StatusCommand {
    private StatusCommand() {
    }

    /** The options both commands share. */
    abstract static class StoreOptions {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", paramLabel = "DIR|URL",
                description = "Where the event log is: a directory, or a PostgreSQL database as"
                        + " jdbc:postgresql://HOST:PORT/DB?...; default: the store of --config, else .qualitygate.")
        @Nullable String store;

        @Option(names = "--config", paramLabel = "FILE", description = "Gate configuration naming the store.")
        @Nullable Path config;

        DeliveryStore open() {
            GateSettings settings = config == null ? null : GateYaml.readSettings(config);
            return DeliveryWiring.openStore(store, config, settings);
        }

        int unknown(String runId, DeliveryStore in) {
            spec.commandLine().getErr().println("gate: error: there is no run '" + runId + "' in the store "
                    + in.description() + "; 'gate status' lists the runs there");
            return GateCommand.INVALID;
        }
    }

    /** {@code gate status [ID]}. */
    @Command(name = "status", header = "Shows where delivery runs stand.",
            mixinStandardHelpOptions = true,
            description = {"Shows where delivery runs stand: without ID the most recent runs, one per line; with ID"
                    + " that run's sequences and tasks with their results, and what to do next."},
            footerHeading = "%nExit codes:%n", footer = {"  0  shown", "  2  unknown run or invalid input"})
    static final class Status extends StoreOptions implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A run.")
        @Nullable String runId;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                description = "How many runs to list; default: ${DEFAULT-VALUE}.")
        int limit;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (DeliveryStore opened = open()) {
                EventLog log = opened.eventLog();
                if (runId == null) {
                    List<String> runs = log.runs(Math.max(1, limit));
                    if (runs.isEmpty()) {
                        out.println("No runs in this store.");
                    }
                    for (String id : runs) {
                        DeliveryRunner.status(log, id).ifPresent(r -> out.println(String.format(Locale.ROOT,
                                "%s  %-8s %-7s %-12s %s %s  %s", r.runId(), state(r), r.result().keyword(), r.stage(),
                                r.service(), r.artifact(), r.updated())));
                    }
                    return GateCommand.PASS;
                }
                Optional<RunSummary> found = DeliveryRunner.status(log, runId);
                if (found.isEmpty()) {
                    return unknown(runId, opened);
                }
                RunSummary r = found.get();
                out.println("Run " + r.runId() + ": " + r.artifact() + " of " + r.service() + " (project "
                        + r.project() + "), started " + r.started() + ", last event " + r.updated());
                out.println("State: " + state(r) + ", result " + r.result().keyword());
                for (RunSummary.SequenceSummary s : r.sequences()) {
                    out.println("  [" + s.stage() + "] " + s.name() + ": " + (s.result() == null
                            ? s.state().name().toLowerCase(Locale.ROOT) : s.errored() ? "errored"
                            : s.result().keyword()));
                    for (RunSummary.TaskSummary t : s.tasks()) {
                        out.println("      " + t.name() + " " + (t.result() == null
                                ? t.state().name().toLowerCase(Locale.ROOT) : t.errored() ? "errored"
                                : t.result().keyword()) + (t.message().isEmpty() ? "" : ": " + t.message()));
                    }
                }
                out.println();
                out.println(ProgressPrinter.outcome(r));
                return GateCommand.PASS;
            }
        }

        private static String state(RunSummary r) {
            return r.state().name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code gate events ID}. */
    @Command(name = "events", mixinStandardHelpOptions = true,
            description = "Prints a run's events as Keptn CloudEvents, one JSON object per line, in order.",
            footerHeading = "%nExit codes:%n", footer = {"  0  printed", "  2  unknown run or invalid input"})
    static final class Events extends StoreOptions implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The run.")
        String runId;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (DeliveryStore opened = open()) {
                List<DeliveryEvent> events = DeliveryRunner.events(opened.eventLog(), runId);
                if (events.isEmpty()) {
                    return unknown(runId, opened);
                }
                events.forEach(e -> out.println(e.toJson()));
                return GateCommand.PASS;
            }
        }
    }
}
