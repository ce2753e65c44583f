package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.cli.demo.SampleService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gate deliver}, {@code approve}, {@code reject}, {@code status} and {@code events} with the embedded local
 * deployer running the sample service as a real process.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeliverCommandTest {
    private static final Pattern RUN = Pattern.compile("Waiting for approval in production \\(run ([0-9a-f-]+)\\)");

    @TempDir
    Path dir;

    /** Dev deploys directly; production waits for a manual approval, then deploys. */
    static Path shipyard(Path dir) throws IOException {
        Path file = dir.resolve("shipyard.yaml");
        Files.writeString(file, """
                apiVersion: spec.keptn.sh/0.2.3
                kind: Shipyard
                metadata:
                  name: shop
                spec:
                  stages:
                    - name: dev
                      sequences:
                        - name: delivery
                          tasks:
                            - name: deployment
                              properties:
                                deploymentstrategy: direct
                    - name: production
                      sequences:
                        - name: delivery
                          triggeredOn:
                            - event: dev.delivery.finished
                          tasks:
                            - name: approval
                            - name: deployment
                              properties:
                                deploymentstrategy: direct
                """, StandardCharsets.UTF_8);
        return file;
    }

    /** The sample service, run by the local deployer as a process of its own. */
    static String artifact() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -XX:TieredStopAtLevel=1 -Xmx64m -cp "
                + System.getProperty("java.class.path") + " " + SampleService.class.getName();
    }

    /** The run id that {@code gate deliver} printed for a run waiting for approval. */
    static String runId(GateRun run) {
        Matcher m = RUN.matcher(run.out());
        assertThat(m.find()).as("a waiting run in %s", run.out()).isTrue();
        return m.group(1);
    }

    @Test
    void deliver_manualApproval_waitsThenApproveFromAnotherInvocationFinishes() throws IOException {
        Path store = dir.resolve("store");

        GateRun delivered = gate("deliver", "--shipyard", shipyard(dir).toString(), "--service", "carts",
                "--artifact", artifact(), "--store", store.toString(), "--label", "buildId=7");

        assertThat(delivered.err()).isEmpty();
        assertThat(delivered.exitCode()).isEqualTo(GateCommand.WAITING);
        assertThat(delivered.outLines()).startsWith("Delivering " + artifact() + " of carts (project shop; store "
                + store + ")", "[dev]        delivery triggered", "[dev]          deployment (direct) ...");
        String id = runId(delivered);
        assertThat(delivered.out()).contains("  Approve with: gate approve " + id,
                "  (with the same --store as this command: the run is in its store)");

        GateRun status = gate("status", id, "--store", store.toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("State: waiting, result pass", "  [production] delivery: waiting",
                "      approval waiting");
        GateRun list = gate("status", "--store", store.toString());
        assertThat(list.outLines()).singleElement().asString().startsWith(id + "  waiting  pass    production");

        GateRun approved = gate("approve", id, "--store", store.toString(), "--reason", "looks good");

        assertThat(approved.err()).isEmpty();
        assertThat(approved.exitCode()).isZero();
        assertThat(approved.out()).contains("Approving run " + id + " in production",
                "[production]   approval pass: approved: looks good", "Delivered: ");

        GateRun events = gate("events", id, "--store", store.toString());
        assertThat(events.exitCode()).isZero();
        assertThat(events.outLines()).hasSize(13).allSatisfy(l -> assertThat(l).startsWith("{\"specversion\":\"1.0\"")
                .contains("\"shkeptncontext\":\"" + id + "\""));
        assertThat(events.outLines().get(0)).contains("\"type\":\"sh.keptn.event.dev.delivery.triggered\"",
                "\"labels\":{\"buildId\":\"7\"}");

        GateRun again = gate("reject", id, "--store", store.toString());
        assertThat(again.exitCode()).isEqualTo(GateCommand.INVALID);
        assertThat(again.err()).isEqualTo("gate: error: run " + id + " does not wait for an approval: it is finished"
                + " with result pass in stage production" + System.lineSeparator());
    }

    @Test
    void reject_waitingRun_endsItFailed() throws IOException {
        Path store = dir.resolve("store");
        String id = runId(gate("deliver", "--shipyard", shipyard(dir).toString(), "--service", "carts",
                "--artifact", artifact(), "--store", store.toString()));

        GateRun rejected = gate("reject", id, "--store", store.toString());

        assertThat(rejected.exitCode()).isEqualTo(GateCommand.FAIL);
        assertThat(rejected.out()).contains("Stopped in production: ").contains("approval failed: rejected: by ");
    }

    @Test
    void deliver_unknownStrategyAndMissingFiles_areReportedBeforeAnythingRuns() throws IOException {
        Path shipyard = dir.resolve("shipyard.yaml");
        Files.writeString(shipyard, """
                apiVersion: spec.keptn.sh/0.2.3
                kind: Shipyard
                metadata:
                  name: shop
                spec:
                  stages:
                    - name: dev
                      sequences:
                        - name: delivery
                          tasks:
                            - name: deployment
                              properties:
                                deploymentstrategy: canary
                            - name: test
                              properties:
                                teststrategy: functional
                """, StandardCharsets.UTF_8);

        GateRun run = gate("deliver", "--shipyard", shipyard.toString(), "--service", "carts", "--artifact", "x.jar",
                "--store", dir.resolve("store").toString());

        assertThat(run.exitCode()).isEqualTo(GateCommand.INVALID);
        assertThat(run.out()).isEmpty();
        run.hasNoStackTrace();
        assertThat(run.errLines()).containsExactly(
                "shipyard: stage dev, sequence delivery, task deployment: properties.deploymentstrategy: no deployer"
                        + " configured for stage dev knows this strategy; they know [blue_green, blue_green_service,"
                        + " direct] (was \"canary\")",
                "shipyard: stage dev, sequence delivery, task test: properties.teststrategy: no tester is configured"
                        + " for stage dev (was \"functional\")");
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void status_andEvents_unknownRun_sayWhereTheyLooked() {
        Path store = dir.resolve("store");

        GateRun status = gate("status", "nope", "--store", store.toString());
        GateRun events = gate("events", "nope", "--store", store.toString());

        assertThat(status.exitCode()).isEqualTo(GateCommand.INVALID);
        assertThat(status.err()).isEqualTo("gate: error: there is no run 'nope' in the store " + store
                + "; 'gate status' lists the runs there" + System.lineSeparator());
        assertThat(events.exitCode()).isEqualTo(GateCommand.INVALID);
        assertThat(gate("status", "--store", store.toString()).out()).isEqualTo("No runs in this store."
                + System.lineSeparator());
    }
}
