package dev.qualitygate.cli;

import dev.qualitygate.history.EvaluationStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gate history invalidate ID...}: marks evaluations as never to be used as a baseline again. */
@Command(
        name = "invalidate",
        mixinStandardHelpOptions = true,
        description = {
            "Marks evaluations as invalidated, as Keptn's evaluation.invalidated event did: they stay stored but are"
                    + " never again used as a baseline (nor listed). Invalidating one twice is harmless."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every evaluation is invalidated", "  2  an id is not in the store, invalid usage, or the"
                + " store failed"})
final class HistoryInvalidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "The id of an evaluation.")
    private List<String> ids = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allFound = true;
        try (EvaluationStore store = storeOptions.open(spec)) {
            for (String id : ids) {
                if (store.invalidate(id)) {
                    out.println("Invalidated evaluation " + id + ": it is no longer used as a baseline.");
                } else {
                    allFound = false;
                    err.println("gate: error: there is no evaluation " + id + " in the " + store + ".");
                }
            }
        }
        out.flush();
        err.flush();
        return allFound ? GateCommand.PASS : GateCommand.INVALID;
    }
}
