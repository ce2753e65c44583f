package dev.qualitygate.jmeter;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.jmeter.internal.JMeterConf;
import dev.qualitygate.jmeter.internal.JMeterHome;
import dev.qualitygate.jmeter.internal.JMeterTester;
import dev.qualitygate.jmeter.internal.Workload;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.Tester;
import dev.qualitygate.spi.TesterProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code jmeter} tester: runs JMeter test plans for the {@code functional} and {@code performance} test
 * strategies and the custom ones of Keptn's {@code jmeter.conf.yaml}, with JMeter as a child process (an installed
 * one, or one assembled from the JMeter jars on the class path). Settings: {@link JMeterTesterConfig}.
 *
 * <p>{@link Tester#run(dev.qualitygate.spi.TestRunRequest, java.util.function.Consumer)} reports progress (samples,
 * failed samples, elapsed time) while JMeter runs. The result's window spans the whole run and is the window the
 * metric sources then evaluate; its results file is the JTL of the strategy's plan, which the {@code jmeter} metric
 * source reads. Stateless; the testers it creates are thread-safe.
 *
 * @since 0.1
 */
public final class JMeterTesterProvider implements TesterProvider {
    private static final List<String> JVM_ARGS = List.of("-Xms1g", "-Xmx1g", "-XX:MaxMetaspaceSize=256m",
            "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=100", "-XX:G1ReservePercent=20");

    /** Creates the provider; ServiceLoader calls this. */
    public JMeterTesterProvider() {
    }

    @Override
    public String id() {
        return "jmeter";
    }

    @Override
    public String description() {
        return "runs JMeter test plans (functional, performance, jmeter.conf.yaml workloads) as a child process";
    }

    @Override
    public Tester create(ProviderConfig config, ProviderContext context) {
        JMeterTesterConfig c = config.bind(JMeterTesterConfig.class);
        List<Problem> problems = new ArrayList<>();
        Path directory = Path.of(c.directory() == null ? "." : c.directory());
        if (!Files.isDirectory(directory)) {
            problems.add(problem(config, "directory", "is not a directory", directory.toString()));
        }
        URI target = target(c.target(), config, problems);
        Path home = home(c.jmeterHome(), config, problems);
        Duration every = c.progressInterval() == null ? Duration.ofSeconds(5) : c.progressInterval();
        if (every.isNegative() || every.isZero()) {
            problems.add(problem(config, "progressInterval", "must be positive", every.toString()));
        }
        Map<String, Workload> workloads = Map.of();
        try {
            workloads = JMeterConf.read(directory.resolve(c.conf() == null ? "jmeter/jmeter.conf.yaml" : c.conf()));
        } catch (GateConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new GateConfigException(problems);
        }
        Path java = c.java() != null ? Path.of(c.java())
                : Path.of(System.getProperty("java.home"), "bin", "java");
        Path results = c.resultsDirectory() != null ? Path.of(c.resultsDirectory())
                : Path.of(System.getProperty("java.io.tmpdir"), "qualitygate-jmeter");
        return new JMeterTester(new JMeterTester.Settings(directory, workloads, target, home, java,
                c.jvmArgs() == null ? JVM_ARGS : c.jvmArgs(), results,
                c.properties() == null ? Map.of() : c.properties(), every, context.clock()));
    }

    private static @Nullable URI target(@Nullable String text, ProviderConfig config, List<Problem> problems) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
                problems.add(problem(config, "target", "must be an http or https URL with a host", text));
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(problem(config, "target", "is not a URL: " + e.getReason(), text));
            return null;
        }
    }

    private static @Nullable Path home(@Nullable String setting, ProviderConfig config, List<Problem> problems) {
        String name = setting != null ? "jmeterHome" : "JMETER_HOME";
        String value = setting != null ? setting : System.getenv("JMETER_HOME");
        if (value == null || value.isBlank()) {
            return null;
        }
        Path home = Path.of(value);
        String problem = JMeterHome.problem(home);
        if (problem != null) {
            problems.add(problem(config, name, problem, value));
            return null;
        }
        return home;
    }

    private static Problem problem(ProviderConfig config, String key, String message, String value) {
        return new Problem(config.origin(), 0, 0, key, message, value);
    }
}
