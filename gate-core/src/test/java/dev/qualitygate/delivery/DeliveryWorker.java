package dev.qualitygate.delivery;

import dev.qualitygate.history.EventLog;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The main class of the child JVMs in {@link DeliveryProcessTest}: runs the test shipyard with fake plugins on a file
 * event log, with an evaluation that always ends in a warning, so that production waits for approval.
 *
 * <p>Arguments: {@code start DIR} or {@code approve DIR RUN_ID}. Prints {@code STATE <state> <result> <run id>} and
 * then {@code DID <entry>} for each plugin call it made.
 */
final class DeliveryWorker {
    private DeliveryWorker() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        DeliveryRunnerTest fixture = new DeliveryRunnerTest();
        fixture.errorRate.set(3.0);
        try (EventLog log = EventLog.files(Path.of(args[1]));
                DeliveryRunner runner = DeliveryRunner.builder(DeliveryRunnerTest.shipyard(DeliveryRunnerTest.SHIPYARD))
                        .deployer(FakeDeployer.passing(fixture.journal, "direct", "blue_green_service"))
                        .tester(FakeTester.passing(fixture.journal, "functional", "performance"))
                        .evaluator("staging", fixture.evaluator())
                        .eventLog(log)
                        .build()) {
            RunSummary run = args[0].equals("start")
                    ? runner.start(DeliveryRequest.of("shop", "carts", "carts-3.jar"))
                    : runner.approve(args[2], "approved by the second process");
            out.println("STATE " + run.state() + " " + run.result() + " " + run.runId());
            fixture.journal.entries().forEach(e -> out.println("DID " + e));
        }
    }
}
