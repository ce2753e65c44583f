package dev.qualitygate.cli;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.yaml.DocumentKind;
import dev.qualitygate.yaml.GateYaml;
import dev.qualitygate.yaml.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code gate validate FILE...}: checks SLO, SLI and shipyard files and lists every problem of each. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Validates SLO, SLI and shipyard files, telling them apart by their content.",
            "Prints 'FILE: valid (KIND)' and any notes on standard output, and every problem of every file on"
                    + " standard error, one per line as FILE:LINE:COLUMN: key.path: message (was \"X\")."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every file is valid", "  2  a file is invalid or cannot be read"})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--kind", paramLabel = "slo|sli|shipyard", converter = KindConverter.class,
            description = "Validate every file as this kind instead of telling the kind by content.")
    private @Nullable DocumentKind kind;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to validate.")
    private List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            ValidationReport report = validate(file);
            if (report.valid()) {
                String detected = report.kind() == null ? "" : " (" + report.kind().keyword() + ")";
                out.println(report.source() + ": valid" + detected);
            } else {
                allValid = false;
                report.problems().forEach(err::println);
            }
            report.notes().forEach(note -> out.println(report.source() + ": note: " + note));
        }
        out.flush();
        err.flush();
        return allValid ? GateCommand.PASS : GateCommand.INVALID;
    }

    private ValidationReport validate(Path file) {
        if (kind == null) {
            return GateYaml.validate(file);
        }
        try {
            return GateYaml.validate(Inputs.readBytes(file), file.toString(), kind);
        } catch (GateConfigException e) {
            return new ValidationReport(file.toString(), kind, e.problems(), List.<String>of());
        }
    }

    /** Reads {@code slo}, {@code sli} or {@code shipyard}, in any case. */
    static final class KindConverter implements ITypeConverter<DocumentKind> {
        @Override
        public DocumentKind convert(String value) {
            for (DocumentKind k : DocumentKind.values()) {
                if (k.keyword().equals(value.toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new TypeConversionException("expected slo, sli or shipyard, was '" + value + "'");
        }
    }
}
