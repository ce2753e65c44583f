package dev.qualitygate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gate history}: the commands that work on a history store. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Works on a history store: a directory (the file store) or a PostgreSQL database.",
            "import brings Keptn's evaluation history along, list shows a history, invalidate keeps an evaluation"
                    + " from ever being a baseline again."},
        subcommands = {HistoryImportCommand.class, HistoryListCommand.class, HistoryInvalidateCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  2  invalid input or usage, or the store failed"})
final class HistoryCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: one of "
                + spec.subcommands().keySet());
    }
}
