package dev.qualitygate.cli;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.jdbc.EvaluationStores;
import dev.qualitygate.model.GateSettings;
import dev.qualitygate.yaml.GateYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The store a {@code gate history} command works on: {@code --store} or the {@code store} of {@code --config}. */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "DIR|URL",
            description = "The history store: a directory (the file store), or a PostgreSQL database as"
                    + " jdbc:postgresql://HOST:PORT/DB?user=$${env:U}&password=$${env:P}.")
    private @Nullable String store;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A gate configuration (gate.yaml) whose store: to use instead of --store; a directory"
                    + " there is relative to the file.")
    private @Nullable Path config;

    /**
     * Opens the store the options name.
     *
     * @param spec the command, for usage errors
     * @return the open store
     */
    EvaluationStore open(CommandSpec spec) {
        if ((store == null) == (config == null)) {
            throw new ParameterException(spec.commandLine(), "give the store: --store DIR|URL, or --config FILE"
                    + " with a store: (one of them)");
        }
        if (store != null) {
            return EvaluationStores.open(store, Path.of(""));
        }
        Path file = java.util.Objects.requireNonNull(config);
        GateSettings settings = GateYaml.readSettings(file);
        if (settings.store() == null) {
            throw new ParameterException(spec.commandLine(), file + " names no store: add store: DIR|URL to it,"
                    + " or give --store");
        }
        Path directory = file.toAbsolutePath().getParent();
        return EvaluationStores.open(settings.store(), directory == null ? Path.of("") : directory);
    }

    /**
     * Checks that a command given {@code --store} also names the history in it.
     *
     * @param spec the command, for the usage error
     * @throws ParameterException naming every one of {@code --project}, {@code --stage}, {@code --service} missing
     */
    static void requireHistoryKey(CommandSpec spec, @Nullable String project, @Nullable String stage,
            @Nullable String service) {
        List<String> missing = new ArrayList<>();
        if (project == null) {
            missing.add("--project");
        }
        if (stage == null) {
            missing.add("--stage");
        }
        if (service == null) {
            missing.add("--service");
        }
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--store needs " + String.join(", ", missing)
                    + ": the store keeps one history per project, stage and service");
        }
    }
}
