package dev.qualitygate.cli;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.GateException;
import dev.qualitygate.error.Problem;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code gate} command: validates Keptn's SLO, SLI and shipyard files, evaluates indicator values against an
 * SLO, works on the history store, and runs the bundled demo.
 *
 * <p>Exit codes: {@value #PASS} pass (or valid), {@value #FAIL} fail, {@value #INVALID} invalid input or usage,
 * {@value #WARNING} warning, {@value #WAITING} a delivery waits for approval. Errors go to standard error, one line per problem; a stack trace only with
 * {@code --debug}.
 *
 * <p>Run it with {@link #main(String[])}, or in-process with {@link #commandLine(PrintWriter, PrintWriter)}.
 *
 * @since 0.1
 */
@Command(
        name = "gate",
        mixinStandardHelpOptions = true,
        versionProvider = GateCommand.Version.class,
        description = "Keptn-compatible quality gates: validate SLO, SLI and shipyard files, evaluate indicator"
                + " values against an SLO, deliver an artifact through a shipyard's stages, report on stored"
                + " evaluations and keep their history.",
        subcommands = {ValidateCommand.class, EvaluateCommand.class, DeliverCommand.class, DecideCommand.Approve.class,
            DecideCommand.Reject.class, StatusCommand.Status.class, StatusCommand.Events.class, ReportCommand.class,
            HistoryCommand.class, DemoCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  pass (evaluate), all files valid (validate), the report was written, the demo ran",
            "  1  fail",
            "  2  invalid input or usage",
            "  3  warning",
            "  4  waiting for approval (deliver, approve)",
            "",
            "Start with 'gate demo'; 'gate COMMAND --help' describes a command."})
public final class GateCommand implements Callable<Integer> {
    /** Exit code of a passing evaluation, of valid files and of a successful demo. */
    public static final int PASS = 0;
    /** Exit code of a failing evaluation. */
    public static final int FAIL = 1;
    /** Exit code of invalid input, wrong usage or an unexpected error. */
    public static final int INVALID = 2;
    /** Exit code of an evaluation that ends with a warning. */
    public static final int WARNING = 3;
    /** Exit code of a delivery that waits for a manual approval. */
    public static final int WAITING = 4;

    private static final String DEBUG = "--debug";

    @Spec
    private CommandSpec spec;

    /** Declares {@code --debug} for every command; read from the parse result, since any command may carry it. */
    @Option(names = DEBUG, scope = ScopeType.INHERIT,
            description = "On errors, print stack traces too; log at debug level. Accepted before or after the"
                    + " command name.")
    private boolean debug;

    /** Creates the command; picocli fills its options. */
    public GateCommand() {
        // picocli sets the fields
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        configureLogging(debugRequested(args));
        // The local deployer's blue/green proxy runs on the JDK HttpServer, which otherwise delays small responses by
        // about 40 ms (Nagle's algorithm against delayed ACKs); an application may set this, a library may not.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The command line with its error handling, writing to the given writers; {@link CommandLine#execute} runs it
     * and returns the exit code.
     *
     * @param out where results go
     * @param err where errors and problems go
     * @return the configured command line
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, CommandLine.defaultFactory());
    }

    /** The command line whose subcommands the factory creates; tests give the demo its plugins this way. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new GateCommand(), factory);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(GateCommand::usageError);
        cl.setExecutionExceptionHandler(GateCommand::executionError);
        return cl;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: one of "
                + spec.subcommands().keySet());
    }

    /** Sets up SLF4J before anything logs: warnings only, or everything from debug up with {@code --debug}. */
    private static void configureLogging(boolean debug) {
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        if (debug) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        } else if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    private static boolean debugRequested(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals(DEBUG)) {
                return true;
            }
        }
        return false;
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return INVALID;
    }

    private static int executionError(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof GateConfigException) {
            List<Problem> problems = ((GateConfigException) ex).problems();
            problems.forEach(err::println);
        } else {
            err.println("gate: error: " + describe(ex));
        }
        if (debugMatched(parsed)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return INVALID;
    }

    private static String describe(Exception ex) {
        String message = ex.getMessage();
        if (message == null) {
            return ex.getClass().getName();
        }
        return ex instanceof GateException ? message : ex.getClass().getSimpleName() + ": " + message;
    }

    private static boolean debugMatched(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DEBUG)) {
                return true;
            }
        }
        return false;
    }

    /** Reads the version Maven wrote into {@code version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = GateCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"gate " + p.getProperty("version", "(unknown version)") + " (QualityGate, Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}
