package dev.qualitygate.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.Gate;
import dev.qualitygate.delivery.DeliveryEvent;
import dev.qualitygate.delivery.DeliveryRequest;
import dev.qualitygate.delivery.DeliveryRunner;
import dev.qualitygate.delivery.RunState;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import dev.qualitygate.test.fake.InMemoryMetricSource;
import dev.qualitygate.yaml.GateYaml;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * gate-core's {@link DeliveryRunner} runs the demo's shipyard ({@code delivery/shipyard.yaml}, which mirrors gate-cli's
 * bundled demo) with the {@code kubernetes} deployer against fabric8's mock API server in CRUD mode, and tells the
 * story of {@code gate demo} with three versions of carts: v1 is delivered to production after a manual approval; v2
 * fails the staging quality gate on its error rate and is rolled back, so that the staging Service still selects
 * v1's colour and v1's pods serve; v3 is delivered.
 *
 * <p>What is real here: the runner with its file event log and its approvals, the {@code kubernetes} deployer made by
 * its provider from a kubeconfig and talking HTTP to the API server, and the quality gate: a {@link Gate} over the
 * demo's staging SLO with a file history, so v3's response time is compared with v1's. What is not:
 * <ul>
 *   <li>the API server is fabric8's mock and {@link FakeCluster} plays the controllers (no real cluster can run on the
 *       build machines);</li>
 *   <li>no load test runs: the JMeter tester needs a service it can reach, and the pods here are objects in the
 *       mock, so {@link StandInTester} only records where it was aimed and reports a pass over a one-minute window
 *       ending now;</li>
 *   <li>the metric values come from an in-memory monitoring source with values per version (the delivery's
 *       {@code version} label): 0.2% errors for versions 1 and 3, 10% for version 2.</li>
 * </ul>
 *
 * <p>Every command of the story ({@code gate deliver} per version, {@code gate approve} per waiting approval) runs in
 * its own {@link Process}: a new deployer, gate and runner over the same store directory, as the CLI does, so the
 * delivery continues from the event log and the cluster's state alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KubernetesDeliveryTest {
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(20);
    private static final String DEV = "demo-dev";
    private static final String STAGING = "demo-staging";
    private static final String PRODUCTION = "demo-production";
    private static final String COLOR = "qualitygate.dev/color";

    @TempDir
    Path dir;

    private FakeCluster fake;
    private Path kubeconfig;
    private Path store;
    private final StandInTester tester = new StandInTester();
    private final PerVersionMonitoring monitoring = new PerVersionMonitoring(Map.of(
            "1", InMemoryMetricSource.of(Map.of("error_rate", 0.2, "response_time_p95", 210, "throughput", 48)),
            "2", InMemoryMetricSource.of(Map.of("error_rate", 10.0, "response_time_p95", 230, "throughput", 47)),
            "3", InMemoryMetricSource.of(Map.of("error_rate", 0.2, "response_time_p95", 240, "throughput", 49))));

    @BeforeEach
    void startCluster() throws IOException {
        fake = FakeCluster.start();
        for (String namespace : List.of(DEV, STAGING, PRODUCTION)) {
            fake.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .endMetadata().build()).create();
        }
        kubeconfig = Kubeconfigs.write(dir.resolve("kubeconfig"), fake.url());
        store = dir.resolve("store");
    }

    @AfterEach
    void stopCluster() {
        fake.close();
    }

    @Test
    void deliveryRunner_demoShipyardOnKubernetes_deliversV1StopsV2AtTheGateAndDeliversV3() {
        deliverV1();
        stopV2AtTheStagingGate();
        deliverV3();
    }

    private void deliverV1() {
        RunSummary waiting = deliver("1");
        assertThat(waiting.state()).isEqualTo(RunState.WAITING);
        assertThat(outline(waiting)).containsExactly(
                "dev.delivery pass: deployment pass, test pass",
                "staging.delivery pass: deployment pass, test pass, evaluation pass, release pass",
                "production.delivery waiting: approval waiting");
        assertThat(taskMessage(waiting, "staging", "release"))
                .isEqualTo("switched service carts to blue (example.test/carts:1)");
        assertThat(tester.targets).containsExactly(
                "dev functional http://carts.demo-dev.svc:80",
                "staging performance http://carts-preview.demo-staging.svc:80");
        assertThat(image(PRODUCTION, "carts")).as("nothing reaches production before the approval").isNull();

        RunSummary delivered = approve(waiting);

        assertThat(delivered.state()).isEqualTo(RunState.FINISHED);
        assertThat(delivered.result()).isEqualTo(Verdict.PASS);
        assertThat(outline(delivered)).containsExactly(
                "dev.delivery pass: deployment pass, test pass",
                "staging.delivery pass: deployment pass, test pass, evaluation pass, release pass",
                "production.delivery pass: approval pass, deployment pass, release pass");
        assertThat(taskMessage(delivered, "production", "approval"))
                .isEqualTo("approved: by the test, as gate approve would");
        assertThat(image(DEV, "carts")).isEqualTo("example.test/carts:1");
        assertThat(image(STAGING, "carts-blue")).isEqualTo("example.test/carts:1");
        assertThat(selector(STAGING, "carts")).containsEntry(COLOR, "blue");
        assertThat(servingImages(STAGING, "carts")).containsExactly("example.test/carts:1", "example.test/carts:1");
        assertThat(servingImages(PRODUCTION, "carts")).containsExactly("example.test/carts:1",
                "example.test/carts:1");
    }

    private void stopV2AtTheStagingGate() {
        RunSummary run = deliver("2");

        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(run.result()).isEqualTo(Verdict.FAIL);
        assertThat(run.errored()).isFalse();
        assertThat(outline(run)).containsExactly(
                "dev.delivery pass: deployment pass, test pass",
                "staging.delivery fail: deployment pass, test pass, evaluation fail",
                "staging.rollback pass: rollback pass");
        assertThat(taskMessage(run, "staging", "deployment")).startsWith("deployed example.test/carts:2 as green"
                + " beside the live version; service carts still selects blue (example.test/carts:1)");
        assertThat(taskMessage(run, "staging", "evaluation")).startsWith("failed with a score of 50")
                .contains("Error rate (%) = 10").doesNotContain("Response time p95 (ms) = 230");
        assertThat(taskMessage(run, "staging", "rollback")).isEqualTo("discarded example.test/carts:2 (green, scaled"
                + " to 0); service carts stays on blue (example.test/carts:1)");
        IndicatorQuery errorRate = monitoring.byVersion().get("2").lastQuery("error_rate").orElseThrow();
        assertThat(errorRate.query()).isEqualTo("error_rate(version=2)");
        assertThat(errorRate.window()).as("the evaluation measures the test's window")
                .isEqualTo(tester.windows.get(tester.windows.size() - 1));
        assertThat(events(run).stream().map(DeliveryEvent::type)).as("production is never triggered")
                .noneMatch(type -> type.contains("production"));

        assertThat(selector(STAGING, "carts")).containsEntry(COLOR, "blue");
        assertThat(selector(STAGING, "carts-preview")).containsEntry(COLOR, "blue");
        assertThat(replicas(STAGING, "carts-green")).isZero();
        assertThat(image(STAGING, "carts-green")).isEqualTo("example.test/carts:2");
        assertThat(replicas(STAGING, "carts-blue")).isEqualTo(2);
        assertThat(servingImages(STAGING, "carts")).containsExactly("example.test/carts:1", "example.test/carts:1");
        assertThat(servingImages(PRODUCTION, "carts")).containsExactly("example.test/carts:1",
                "example.test/carts:1");
        assertThat(image(DEV, "carts")).as("dev has no rollback sequence, as in the demo")
                .isEqualTo("example.test/carts:2");
    }

    private void deliverV3() {
        RunSummary waiting = deliver("3");
        assertThat(waiting.state()).isEqualTo(RunState.WAITING);
        assertThat(taskMessage(waiting, "staging", "evaluation")).startsWith("passed with a score of 100");
        assertThat(servingImages(PRODUCTION, "carts")).as("production waits for the approval")
                .containsExactly("example.test/carts:1", "example.test/carts:1");

        RunSummary delivered = approve(waiting);

        assertThat(delivered.state()).isEqualTo(RunState.FINISHED);
        assertThat(delivered.result()).isEqualTo(Verdict.PASS);
        assertThat(outline(delivered)).containsExactly(
                "dev.delivery pass: deployment pass, test pass",
                "staging.delivery pass: deployment pass, test pass, evaluation pass, release pass",
                "production.delivery pass: approval pass, deployment pass, release pass");
        assertThat(taskMessage(delivered, "staging", "release")).isEqualTo("switched service carts to green"
                + " (example.test/carts:3); blue (example.test/carts:1) scaled to 0 and kept for rollback");
        assertThat(taskMessage(delivered, "production", "deployment")).startsWith("deployed example.test/carts:3:"
                + " deployment carts in namespace demo-production rolled out: 2 of 2 replicas available");
        assertThat(selector(STAGING, "carts")).containsEntry(COLOR, "green");
        assertThat(image(STAGING, "carts-green")).isEqualTo("example.test/carts:3");
        assertThat(replicas(STAGING, "carts-blue")).isZero();
        assertThat(image(STAGING, "carts-blue")).isEqualTo("example.test/carts:1");
        assertThat(servingImages(STAGING, "carts")).containsExactly("example.test/carts:3", "example.test/carts:3");
        assertThat(servingImages(PRODUCTION, "carts")).containsExactly("example.test/carts:3",
                "example.test/carts:3");
        assertThat(image(DEV, "carts")).isEqualTo("example.test/carts:3");
    }

    // ------------------------------------------------------------------------------------------ the commands

    /** {@code gate deliver --shipyard shipyard.yaml --service carts --artifact example.test/carts:V --label ...}. */
    private RunSummary deliver(String version) {
        try (Process gate = new Process()) {
            return gate.runner.start(DeliveryRequest.of("demo", "carts", "example.test/carts:" + version)
                    .withLabel("version", version));
        }
    }

    /** {@code gate approve ID}: a new process continues the run from the event log. */
    private RunSummary approve(RunSummary waiting) {
        try (Process gate = new Process()) {
            return gate.runner.approve(waiting.runId(), "by the test, as gate approve would");
        }
    }

    /** What one {@code gate} command wires: the deployer from its provider, the staging gate, the runner. */
    private final class Process implements AutoCloseable {
        final Deployer deployer;
        final Gate staging;
        final DeliveryRunner runner;

        Process() {
            deployer = new KubernetesDeployerProvider().create(ProviderConfig.of("gate.yaml: deployers.kubernetes",
                    Map.of("kubeconfig", kubeconfig.toString(), "context", "mock",
                            "manifests", MockClusterScenariosTest.manifests(), "apply", "update",
                            "pollInterval", "20ms")), ProviderContext.defaults());
            staging = Gate.builder().slo(resource("delivery/staging/slo.yaml"))
                    .sli(resource("delivery/staging/sli.yaml")).source("monitoring", monitoring)
                    .store(EvaluationStore.files(store)).build();
            DeliveryRunner.Builder builder = DeliveryRunner.builder(
                            GateYaml.readShipyard(resource("delivery/shipyard.yaml")))
                    .deployer(deployer)
                    .tester(tester)
                    .evaluator("staging", (context, window, run) -> run == null ? staging.evaluate(context, window)
                            : staging.evaluate(context, window, run))
                    .eventLog(EventLog.files(store))
                    .timeoutGrace(Duration.ofSeconds(2));
            for (String task : List.of("deployment", "test", "evaluation", "release", "rollback")) {
                builder.timeout(task, TASK_TIMEOUT);
            }
            runner = builder.build();
        }

        @Override
        public void close() {
            runner.close();
            staging.close();
            deployer.close();
        }
    }

    // ------------------------------------------------------------------------------------------ the stand-ins

    /**
     * Stands in for the demo's JMeter tester, which cannot reach pods that exist only as objects in the mock: it
     * records where the runner aimed it and reports a pass over a one-minute window ending now. It measures nothing.
     */
    static final class StandInTester implements Tester {
        final List<String> targets = new CopyOnWriteArrayList<>();
        final List<TimeWindow> windows = new CopyOnWriteArrayList<>();

        @Override
        public Set<String> strategies() {
            return Set.of("functional", "performance");
        }

        @Override
        public TestRunResult run(TestRunRequest request) {
            targets.add(request.context().stage() + " " + request.strategy() + " " + request.target());
            Instant end = Instant.now();
            TimeWindow window = new TimeWindow(end.minus(Duration.ofMinutes(1)), end);
            windows.add(window);
            return new TestRunResult(Verdict.PASS, window, 600, 0, List.of(), null,
                    "stand-in: no load was generated");
        }
    }

    /**
     * Monitoring in memory: the values of the version the delivery's {@code version} label names, as a monitoring
     * system would measure each version.
     */
    record PerVersionMonitoring(Map<String, InMemoryMetricSource> byVersion) implements MetricSource {
        @Override
        public IndicatorValue fetch(IndicatorQuery query) {
            String version = query.context().labels().get("version");
            InMemoryMetricSource source = version == null ? null : byVersion.get(version);
            return source == null ? IndicatorValue.failed("no monitoring values for version " + version)
                    : source.fetch(query);
        }
    }

    // ------------------------------------------------------------------------------------------ reading results

    /** Each sequence as {@code stage.name result: task result, ...}, waiting ones as {@code waiting}. */
    private static List<String> outline(RunSummary run) {
        List<String> lines = new ArrayList<>();
        for (RunSummary.SequenceSummary s : run.sequences()) {
            lines.add(s.stage() + "." + s.name() + " " + state(s.result(), s.state()) + ": " + s.tasks().stream()
                    .map(t -> t.name() + " " + state(t.result(), t.state())).collect(Collectors.joining(", ")));
        }
        return lines;
    }

    private static String state(@Nullable Verdict result, RunState state) {
        return result != null ? result.keyword() : state.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String taskMessage(RunSummary run, String stage, String task) {
        return run.sequences().stream().filter(s -> s.stage().equals(stage)).flatMap(s -> s.tasks().stream())
                .filter(t -> t.name().equals(task)).reduce((first, second) -> second).orElseThrow().message();
    }

    private List<DeliveryEvent> events(RunSummary run) {
        return DeliveryRunner.events(EventLog.files(store), run.runId());
    }

    private static Path resource(String name) {
        try {
            return Path.of(KubernetesDeliveryTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ reading the mock

    private @Nullable Deployment deployment(String namespace, String name) {
        return fake.client().apps().deployments().inNamespace(namespace).withName(name).get();
    }

    private @Nullable String image(String namespace, String name) {
        Deployment d = deployment(namespace, name);
        return d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private int replicas(String namespace, String name) {
        return deployment(namespace, name).getSpec().getReplicas();
    }

    private Map<String, String> selector(String namespace, String service) {
        return fake.client().services().inNamespace(namespace).withName(service).get().getSpec().getSelector();
    }

    /** The images of the ready pods the Service selects: what answers its traffic. */
    private List<String> servingImages(String namespace, String service) {
        List<String> images = new ArrayList<>();
        for (Pod p : fake.client().pods().inNamespace(namespace).withLabels(selector(namespace, service)).list()
                .getItems()) {
            p.getStatus().getContainerStatuses().stream().filter(c -> Boolean.TRUE.equals(c.getReady()))
                    .forEach(c -> images.add(c.getImage()));
        }
        return images;
    }
}
