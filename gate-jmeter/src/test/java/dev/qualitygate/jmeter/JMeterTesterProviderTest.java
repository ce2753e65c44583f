package dev.qualitygate.jmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qualitygate.Plugins;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import dev.qualitygate.spi.TesterProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JMeterTesterProviderTest {
    @TempDir
    Path dir;

    private Tester tester(Map<String, ?> settings) {
        return new JMeterTesterProvider().create(ProviderConfig.of("gate.yaml: tester", settings),
                ProviderContext.defaults());
    }

    @Test
    void serviceLoader_findsTheTester() {
        assertThat(Plugins.discover().ids(TesterProvider.class)).contains("jmeter");
    }

    @Test
    void strategies_areKeptnsAndThoseOfJmeterConfYaml() throws IOException {
        Files.createDirectories(dir.resolve("jmeter"));
        Files.writeString(dir.resolve("jmeter/jmeter.conf.yaml"),
                "workloads:\n  - teststrategy: performance_light\n    script: jmeter/load.jmx\n");

        assertThat(tester(Map.of("directory", dir.toString())).strategies())
                .containsExactly("performance", "functional", "performance_light");
    }

    @Test
    void create_badSettings_everyProblemListed() throws IOException {
        Files.createDirectories(dir.resolve("jmeter"));
        Files.writeString(dir.resolve("jmeter/jmeter.conf.yaml"), "workloads:\n  - teststrategy: x\n");

        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> tester(Map.of(
                "directory", dir.toString(), "target", "ftp://host/x", "jmeterHome", dir.toString(),
                "progressInterval", "0s")));

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::toString).contains(
                "gate.yaml: tester: target: must be an http or https URL with a host (was \"ftp://host/x\")",
                "gate.yaml: tester: jmeterHome: " + dir + " is not a JMeter home: it has no bin/ApacheJMeter.jar"
                        + " (was \"" + dir + "\")",
                "gate.yaml: tester: progressInterval: must be positive (was \"PT0S\")");
        assertThat(e.getMessage()).contains("workloads[0].script: is required");
    }

    @Test
    void create_unknownSetting_isRefused() {
        assertThat(catchThrowableOfType(GateConfigException.class, () -> tester(Map.of("directroy", "."))))
                .hasMessageContaining("directroy");
    }

    @Test
    void run_unknownStrategyOrNoTarget_failsWithTheReasonWithoutStartingJMeter() {
        Tester tester = tester(Map.of("directory", dir.toString()));
        EvaluationContext c = EvaluationContext.of("p", "s", "x");

        TestRunResult unknown = tester.run(new TestRunRequest(c, "soak", URI.create("http://127.0.0.1:9"), Map.of(),
                Duration.ofSeconds(5)));
        TestRunResult noTarget = tester.run(new TestRunRequest(c, "performance", null, Map.of(),
                Duration.ofSeconds(5)));

        assertThat(unknown.result()).isEqualTo(Verdict.FAIL);
        assertThat(unknown.message()).contains("no workload for test strategy 'soak'")
                .contains("[performance, functional]");
        assertThat(noTarget.result()).isEqualTo(Verdict.FAIL);
        assertThat(noTarget.message()).contains("no target URL");
        assertThat(noTarget.samples()).isZero();
    }

    @Test
    void run_planMissing_failsNamingIt() {
        Tester tester = tester(Map.of("directory", dir.toString(), "target", "http://127.0.0.1:9/health"));

        TestRunResult r = tester.run(new TestRunRequest(EvaluationContext.NONE, "performance", null, Map.of(),
                Duration.ofSeconds(30)));

        assertThat(r.result()).isEqualTo(Verdict.FAIL);
        assertThat(r.message()).contains("the plan jmeter/load.jmx of test strategy 'performance' is not in " + dir)
                .contains("jmeter/basiccheck.jmx: health check skipped");
    }
}
