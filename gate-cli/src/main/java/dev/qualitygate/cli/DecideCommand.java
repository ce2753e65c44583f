package dev.qualitygate.cli;

import dev.qualitygate.Plugins;
import dev.qualitygate.delivery.DeliveryRunner;
import dev.qualitygate.delivery.RunState;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.jdbc.DeliveryStore;
import dev.qualitygate.model.GateSettings;
import dev.qualitygate.yaml.GateYaml;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gate approve} and {@code gate reject}: decides the manual approval a run waits for, then runs the rest of
 * the delivery in this process, with the shipyard and configuration the run started with (or those given).
 */
abstract class DecideCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The run, as gate deliver or gate status printed it.")
    private String runId;

    @Option(names = "--store", paramLabel = "DIR|URL",
            description = "Where the run's event log is: a directory, or a PostgreSQL database as"
                    + " jdbc:postgresql://HOST:PORT/DB?...; default: the store of --config, else .qualitygate.")
    private @Nullable String store;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Gate configuration; default: the one the run started with.")
    private @Nullable Path config;

    @Option(names = "--shipyard", paramLabel = "FILE", description = "Shipyard; default: the one the run started with.")
    private @Nullable Path shipyard;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the event log; default: who decided.")
    private @Nullable String reason;

    abstract boolean approves();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GateSettings given = config == null ? null : GateYaml.readSettings(config);
        try (DeliveryStore opened = DeliveryWiring.openStore(store, config, given)) {
            Optional<RunSummary> found = DeliveryRunner.status(opened.eventLog(), runId);
            if (found.isEmpty()) {
                err.println("gate: error: there is no run '" + runId + "' in the store " + opened.description()
                        + "; 'gate status --store DIR|URL' lists the runs there");
                return GateCommand.INVALID;
            }
            RunSummary run = found.get();
            if (run.state() != RunState.WAITING) {
                err.println("gate: error: run " + runId + " does not wait for an approval: it is "
                        + run.state().name().toLowerCase(java.util.Locale.ROOT)
                        + (run.state() == RunState.FINISHED ? " with result " + run.result().keyword() : "")
                        + " in stage " + run.stage());
                return GateCommand.INVALID;
            }
            if (shipyard == null && !run.origin().containsKey("shipyard")) {
                err.println("gate: error: run " + runId + " does not record the shipyard it started with; give it"
                        + " with --shipyard FILE (and --config FILE)");
                return GateCommand.INVALID;
            }
            Path shipyardFile = shipyard != null ? shipyard : Path.of(run.origin().get("shipyard"));
            Path configFile = config != null ? config
                    : run.origin().containsKey("config") ? Path.of(run.origin().get("config")) : null;
            DeliveryWiring.Loaded in = DeliveryWiring.read(shipyardFile, configFile);
            String why = reason != null ? reason : "by " + System.getProperty("user.name", "someone") + " with gate "
                    + (approves() ? "approve" : "reject");
            try (DeliveryWiring wiring = DeliveryWiring.create(in.shipyard(), configFile, in.settings(), opened,
                    Plugins.discover(), List.of(), List.of(new ProgressPrinter(out, "")))) {
                out.println((approves() ? "Approving" : "Rejecting") + " run " + runId + " in " + run.stage() + " ("
                        + run.artifact() + " of " + run.service() + ")");
                RunSummary after = approves() ? wiring.runner.approve(runId, why) : wiring.runner.reject(runId, why);
                out.println();
                out.println(ProgressPrinter.outcome(after));
                out.flush();
                return DeliverCommand.exitCode(after);
            }
        }
    }

    /** {@code gate approve ID}. */
    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approves the manual approval a run waits for and runs the rest of the delivery here.",
            footerHeading = "%nExit codes:%n",
            footer = {"  as gate deliver: 0 delivered, 1 stopped, 2 invalid input or errored, 3 warning,"
                    + " 4 waiting again"})
    static final class Approve extends DecideCommand {
        @Override
        boolean approves() {
            return true;
        }
    }

    /** {@code gate reject ID}. */
    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Rejects the manual approval a run waits for: its sequence fails, and what that triggers"
                    + " (a rollback) runs here.",
            footerHeading = "%nExit codes:%n",
            footer = {"  as gate deliver: 1 stopped (the usual outcome), 2 invalid input or errored"})
    static final class Reject extends DecideCommand {
        @Override
        boolean approves() {
            return false;
        }
    }
}
