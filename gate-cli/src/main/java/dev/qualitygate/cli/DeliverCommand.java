package dev.qualitygate.cli;

import dev.qualitygate.Plugins;
import dev.qualitygate.delivery.DeliveryRequest;
import dev.qualitygate.delivery.RunState;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.jdbc.DeliveryStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gate deliver}: runs a shipyard for one artifact, printing each step as it happens. */
@Command(
        name = "deliver",
        header = "Delivers an artifact through a shipyard's stages: deploy, test, evaluate, approve, promote.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Delivers an artifact through the stages of a shipyard, as Keptn's shipyard controller did: each"
                    + " sequence's tasks (deployment, test, evaluation, approval, release, rollback) in order, then"
                    + " the sequences its triggeredOn starts.",
            "Deployers, testers, the approval handler and each stage's SLO and SLI files come from --config"
                    + " (gate.yaml); without deployers there, the embedded local deployer runs each version as a"
                    + " process on 127.0.0.1 (and stops it when gate exits). Events and evaluation history go to the"
                    + " store: a directory, or a PostgreSQL database. A manual approval ends the command with the"
                    + " run waiting; decide it later with 'gate approve ID' or 'gate reject ID', from any process"
                    + " that sees the store."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  delivered (pass)", "  1  stopped: a task failed", "  2  invalid input, or a task errored",
            "  3  delivered with a warning", "  4  waiting for approval"})
final class DeliverCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--shipyard", required = true, paramLabel = "FILE", description = "The shipyard.yaml.")
    private Path shipyard;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service to deliver.")
    private String service;

    @Option(names = "--artifact", required = true, paramLabel = "ARTIFACT",
            description = "What to deploy: for the local deployer a jar or a command line; for others an image.")
    private String artifact;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Gate configuration (gate.yaml): deployers, testers, approval, stages with their SLO and"
                    + " SLI files, metric sources, store.")
    private @Nullable Path config;

    @Option(names = "--store", paramLabel = "DIR|URL",
            description = "Where the event log and evaluation history are: a directory, or a PostgreSQL database as"
                    + " jdbc:postgresql://HOST:PORT/DB?user=$${env:U}&password=$${env:P}; default: the store of"
                    + " --config, else .qualitygate.")
    private @Nullable String store;

    @Option(names = "--project", paramLabel = "NAME",
            description = "The project; default: the shipyard's metadata.name, else default.")
    private @Nullable String project;

    @Option(names = "--stage", paramLabel = "NAME", description = "The stage to start in; default: the first.")
    private @Nullable String stage;

    @Option(names = "--sequence", paramLabel = "NAME", defaultValue = "delivery",
            description = "The sequence to start; default: ${DEFAULT-VALUE}.")
    private String sequence;

    @Option(names = "--label", paramLabel = "KEY=VALUE",
            description = "A label of the build, such as buildId=42; repeatable.")
    private Map<String, String> labels = new LinkedHashMap<>();

    @Override
    public Integer call() {
        DeliveryWiring.Loaded in = DeliveryWiring.read(shipyard, config);
        String name = project != null ? project : in.shipyard().name().isEmpty() ? "default" : in.shipyard().name();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> origin = new LinkedHashMap<>();
        origin.put("shipyard", shipyard.toAbsolutePath().toString());
        if (config != null) {
            origin.put("config", config.toAbsolutePath().toString());
        }
        try (DeliveryStore opened = DeliveryWiring.openStore(store, config, in.settings());
                DeliveryWiring wiring = DeliveryWiring.create(in.shipyard(), config, in.settings(), opened,
                        Plugins.discover(), List.of(), List.of(new ProgressPrinter(out, "")))) {
            DeliveryRequest request = new DeliveryRequest(name, service, artifact, labels, stage, sequence, origin);
            wiring.runner.check(request);
            out.println("Delivering " + artifact + " of " + service + " (project " + name + "; store "
                    + opened.description() + ")");
            RunSummary run = wiring.runner.start(request);
            out.println();
            out.println(ProgressPrinter.outcome(run));
            String sameStore = store != null ? "the same --store" : config != null ? "--config " + config : null;
            if (run.state() == RunState.WAITING && sameStore != null) {
                out.println("  (with " + sameStore + " as this command: the run is in its store)");
            }
            out.flush();
            return exitCode(run);
        }
    }

    /** 4 waiting, 2 errored, else by result: 0 pass, 3 warning, 1 fail. */
    static int exitCode(RunSummary run) {
        if (run.state() != RunState.FINISHED) {
            return GateCommand.WAITING;
        }
        if (run.errored()) {
            return GateCommand.INVALID;
        }
        switch (run.result()) {
            case PASS:
                return GateCommand.PASS;
            case WARNING:
                return GateCommand.WARNING;
            default:
                return GateCommand.FAIL;
        }
    }
}
