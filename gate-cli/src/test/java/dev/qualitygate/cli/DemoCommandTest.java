package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.Plugins;
import dev.qualitygate.delivery.local.LocalDeployerProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the bundled demos: the delivery story (with a stand-in for JMeter) and the quality gate alone. */
class DemoCommandTest {

    @Test
    void demo_gateOnly_buildOnePassesBuildTwoFailsWithItsReason() {
        GateRun run = gate("demo", "--gate-only");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).contains(
                "== Build 1 (values from demo/build-1.yaml) ==",
                "== Build 2 (values from demo/build-2.yaml) ==",
                "RESULT   PASS, score 100",
                "RESULT   FAIL, score 66.67",
                "Why build 2 failed:");
        assertThat(run.out()).contains("Build 1 passed with a score of 100.")
                .contains("Build 2 failed with a score of 66.67.")
                .contains("  response_time_p95 = 468 → warning, score 1 of 2: pass <=+10% violated"
                        + " (target 453.2 from baseline 412), <600 met; warning <=800 met")
                .contains("  Evaluation failed since the calculated score of 66.66666666666666 is below the warning"
                        + " value of 75");
    }

    @Test
    void demo_gateOnly_leavesNoTemporaryDirectoryBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = demoDirectories(tmp);

        gate("demo", "--gate-only");

        assertThat(demoDirectories(tmp)).isEqualTo(before);
    }

    @Test
    void demo_help_describesTheStory() {
        GateRun run = gate("demo", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: gate demo").contains("regressed by more than 10%")
                .contains("v2, whose error rate is 10%, is stopped at the staging quality gate");
    }

    @Test
    void demo_withoutJmeter_saysWhatIsMissingAndHowToRunTheGateOnlyDemo() {
        GateRun run = gate(factory(Plugins.none().with(new LocalDeployerProvider())), "demo");

        assertThat(run.exitCode()).isEqualTo(GateCommand.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("gate: error: gate demo runs JMeter tests, but the JMeter tester (tester id"
                + " jmeter) and the JMeter results metric source (metric source id jmeter) are not on the class path:"
                + " add dev.qualitygate:gate-jmeter to it. 'gate demo --gate-only' runs the quality-gate demo, which"
                + " needs neither." + System.lineSeparator());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void demo_withAJmeterStandIn_tellsTheWholeStory(@TempDir Path out) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = demoDirectories(tmp);

        Path report = out.resolve("demo.html");

        GateRun run = gate(factory(Plugins.none().with(new LocalDeployerProvider())
                .with(new FakeJmeter.Testers()).with(new FakeJmeter.Sources())), "demo", "--report",
                report.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("== v1: carts-1.jar (healthy) ==",
                "  [dev]          deployment (direct) ...",
                "  [staging]      test (performance) ...",
                "  [production]   deployment pass: started carts-1.jar at http://127.0.0.1:",
                "  Waiting for approval in production (run ",
                "  The demo approves it, as 'gate approve ",
                "  [staging]    rollback triggered",
                "  Stopped in staging: ",
                "  staging serves carts v1; production serves carts v1.");
        assertThat(run.outLines()).containsSubsequence(
                "== Summary ==",
                "v1: delivered to production after approval; production serves carts v1.")
                .anySatisfy(l -> assertThat(l).matches("v2: stopped at the staging quality gate \\(Objective not"
                        + " met: Error rate \\(%\\) = 10 → fail, score 0 of 1 \\(key SLI\\): pass <=1 violated.*")
                        .endsWith(") and rolled back; staging and production still serve carts v1."))
                .endsWith("v3: passed the staging quality gate, waited for approval in production, was approved;"
                        + " production serves carts v3.");
        assertThat(demoDirectories(tmp)).isEqualTo(before);
        assertThat(run.outLines()).contains("Wrote " + report + ": the staging quality gate's 3 evaluations and 3"
                + " delivery runs, " + (Files.size(report) + 1023) / 1024 + " KB; open it in a browser.");
        assertThat(Files.readString(report)).contains("QualityGate demo · carts in staging", "carts-1.jar",
                "carts-2.jar", "carts-3.jar", "Error rate (%)");
    }

    private static CommandLine.IFactory factory(Plugins plugins) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == DemoCommand.class) {
                    return type.cast(new DemoCommand(() -> plugins));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
    }

    private static long demoDirectories(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("qualitygate-demo-")).count();
        }
    }
}
