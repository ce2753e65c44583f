package dev.qualitygate.cli;

import dev.qualitygate.Gate;
import dev.qualitygate.Plugins;
import dev.qualitygate.delivery.DeliveryListener;
import dev.qualitygate.delivery.DeliveryRunner;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.GateException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.jdbc.DeliveryStore;
import dev.qualitygate.model.GateSettings;
import dev.qualitygate.model.SourceSettings;
import dev.qualitygate.model.StageSettings;
import dev.qualitygate.model.shipyard.Shipyard;
import dev.qualitygate.spi.ApprovalHandler;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.Tester;
import dev.qualitygate.yaml.GateYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link DeliveryRunner} from a shipyard and a gate configuration: creates the configured deployers (the
 * embedded {@code local} one when none is configured), testers and approval handler, and one {@link Gate} per stage
 * with an SLO, on the evaluation history and event log of a {@link DeliveryStore} (files in a directory, or a
 * PostgreSQL database). Closing it closes everything it created; the store is the caller's.
 */
final class DeliveryWiring implements AutoCloseable {
    /** The store directory when neither {@code --store} nor the configuration names one. */
    static final String DEFAULT_STORE = ".qualitygate";

    final DeliveryRunner runner;
    final EventLog eventLog;
    private final List<AutoCloseable> owned;

    private DeliveryWiring(DeliveryRunner runner, EventLog eventLog, List<AutoCloseable> owned) {
        this.runner = runner;
        this.eventLog = eventLog;
        this.owned = owned;
    }

    /**
     * Opens the store: the option (a directory relative to the working directory, or a {@code jdbc:postgresql:}
     * URL), else the configuration's {@code store} (a directory relative to the file, or a URL), else
     * {@link #DEFAULT_STORE}.
     *
     * @throws dev.qualitygate.error.GateException if a URL cannot be resolved or the database cannot be used
     */
    static DeliveryStore openStore(@Nullable String option, @Nullable Path configFile,
            @Nullable GateSettings settings) {
        if (option != null) {
            return DeliveryStore.open(option, Path.of(""));
        }
        if (settings != null && settings.store() != null && configFile != null) {
            Path base = configFile.toAbsolutePath().getParent();
            return DeliveryStore.open(settings.store(), base == null ? Path.of("") : base);
        }
        return DeliveryStore.open(DEFAULT_STORE, Path.of(""));
    }

    /**
     * Wires a runner.
     *
     * @param shipyard the shipyard
     * @param configFile the gate.yaml, or {@code null} for none (the local deployer, no testers, no quality gates)
     * @param settings its content, or {@code null}
     * @param store the evaluation history and event log; not closed here
     * @param plugins where providers are looked up
     * @param extra plugins created by the caller (the demo's tester), added for every stage; not closed here
     * @param listeners progress listeners
     * @throws GateConfigException listing every problem of the configuration and the SLO and SLI files
     */
    static DeliveryWiring create(Shipyard shipyard, @Nullable Path configFile, @Nullable GateSettings settings,
            DeliveryStore store, Plugins plugins, List<Tester> extra, List<DeliveryListener> listeners) {
        GateSettings gs = settings != null ? settings : new GateSettings(Map.of(), null);
        String origin = configFile == null ? "gate.yaml" : configFile.toString();
        Path base = configFile == null ? Path.of("") : configFile.toAbsolutePath().getParent();
        List<AutoCloseable> owned = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        EventLog eventLog = store.eventLog();
        EvaluationStore evaluations = store.history();
        try {
            DeliveryRunner.Builder builder = DeliveryRunner.builder(shipyard).eventLog(eventLog);
            listeners.forEach(builder::listener);
            extra.forEach(builder::tester);
            ProviderContext context = ProviderContext.defaults();
            Map<String, Deployer> deployers = new LinkedHashMap<>();
            Map<String, SourceSettings> deployerSettings = gs.deployers().isEmpty()
                    ? Map.of("local", new SourceSettings("local", Map.of())) : gs.deployers();
            for (Map.Entry<String, SourceSettings> e : deployerSettings.entrySet()) {
                Deployer d = collect(problems, () -> plugins.deployer(e.getValue().provider()).create(
                        ProviderConfig.of(origin + ": deployers." + e.getKey(), e.getValue().settings()), context));
                if (d != null) {
                    owned.add(d);
                    deployers.put(e.getKey(), d);
                }
            }
            Map<String, Tester> testers = new LinkedHashMap<>();
            for (Map.Entry<String, SourceSettings> e : gs.testers().entrySet()) {
                Tester t = collect(problems, () -> plugins.tester(e.getValue().provider()).create(
                        ProviderConfig.of(origin + ": testers." + e.getKey(), e.getValue().settings()), context));
                if (t != null) {
                    owned.add(t);
                    testers.put(e.getKey(), t);
                }
            }
            SourceSettings approval = gs.approval();
            if (approval != null) {
                ApprovalHandler h = collect(problems, () -> plugins.approvalHandler(approval.provider()).create(
                        ProviderConfig.of(origin + ": approval", approval.settings()), context));
                if (h != null) {
                    owned.add(h);
                    builder.approvalHandler(h);
                }
            }
            deployers.values().forEach(builder::deployer);
            testers.values().forEach(builder::tester);
            for (Map.Entry<String, StageSettings> e : gs.stages().entrySet()) {
                String stage = e.getKey();
                StageSettings s = e.getValue();
                if (s.deployer() != null && deployers.containsKey(s.deployer())) {
                    builder.deployer(stage, deployers.get(s.deployer()));
                }
                if (s.tester() != null && testers.containsKey(s.tester())) {
                    builder.tester(stage, testers.get(s.tester()));
                }
                if (s.slo() != null) {
                    Gate gate = collect(problems, () -> {
                        Gate.Builder g = Gate.builder().slo(base.resolve(s.slo())).plugins(plugins).sources(gs)
                                .store(evaluations);
                        s.sli().forEach(sli -> g.sli(base.resolve(sli)));
                        return g.build();
                    });
                    if (gate != null) {
                        owned.add(gate);
                        builder.evaluator(stage, (ctx, window, run) -> run == null ? gate.evaluate(ctx, window)
                                : gate.evaluate(ctx, window, run));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new GateConfigException(problems);
            }
            DeliveryRunner runner = builder.build();
            owned.add(0, runner);
            return new DeliveryWiring(runner, eventLog, owned);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    private interface Creation<T> {
        T create();
    }

    private static <T> @Nullable T collect(List<Problem> problems, Creation<T> creation) {
        try {
            return creation.create();
        } catch (GateConfigException e) {
            problems.addAll(e.problems());
            return null;
        } catch (GateException e) {
            problems.add(Problem.of("gate.yaml", e.getMessage()));
            return null;
        }
    }

    /** Reads the shipyard and configuration files, reporting the problems of both at once. */
    static Loaded read(Path shipyardFile, @Nullable Path configFile) {
        List<Problem> problems = new ArrayList<>();
        Shipyard shipyard = null;
        GateSettings settings = null;
        try {
            shipyard = GateYaml.readShipyard(shipyardFile);
        } catch (GateConfigException e) {
            problems.addAll(e.problems());
        }
        if (configFile != null) {
            try {
                settings = GateYaml.readSettings(configFile);
            } catch (GateConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty() || shipyard == null) {
            throw new GateConfigException(problems);
        }
        return new Loaded(shipyard, settings);
    }

    /** The read files. */
    record Loaded(Shipyard shipyard, @Nullable GateSettings settings) {
    }

    private static void closeAll(List<AutoCloseable> owned) {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort; the first failure already reached the user
            }
        }
    }

    @Override
    public void close() {
        closeAll(owned);
    }
}
