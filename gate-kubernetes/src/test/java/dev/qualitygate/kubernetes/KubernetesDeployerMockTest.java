package dev.qualitygate.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The deployer's and tester's error paths and the mock server's traps, on fabric8's mock server. */
@Timeout(120)
class KubernetesDeployerMockTest {
    private static final EvaluationContext CONTEXT = EvaluationContext.of("shop", "dev", "carts");
    private static FakeCluster fake;
    private static Path kubeconfig;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        fake = FakeCluster.start();
        fake.onImage("example.test/carts:slow", FakeCluster.Rollout.NEVER_READY);
        fake.onJobImage("example.test/loadtest:unstubbed", new FakeCluster.JobRun(true, "", "a,success\n", false,
                true));
        fake.onJobImage("example.test/loadtest:endless", new FakeCluster.JobRun(true, "", null, true, false));
        kubeconfig = Kubeconfigs.write(dir.resolve("kubeconfig"), fake.url());
    }

    @AfterAll
    static void stopCluster() {
        fake.close();
    }

    private static Deployer deployer(String apply) {
        return new KubernetesDeployerProvider().create(ProviderConfig.of("test", Map.of("kubeconfig",
                kubeconfig.toString(), "context", "mock", "manifests", MockClusterScenariosTest.manifests(), "apply",
                apply, "pollInterval", "20ms")), ProviderContext.defaults());
    }

    private static DeploymentRequest request(String image, String strategy, Map<String, Object> properties) {
        return new DeploymentRequest(CONTEXT, image, strategy, properties, Duration.ofSeconds(20));
    }

    private static DeploymentResult failing(DeploymentResult result) {
        assertThat(result.result()).as(result.message()).isEqualTo(Verdict.FAIL);
        return result;
    }

    @Test
    void deploy_serverSideApplyOnTheMock_failsWithAHintInsteadOfAnHttpError() {
        try (Deployer deployer = deployer("server-side")) {
            DeploymentResult result = failing(deployer.deploy(request("example.test/carts:1", "direct",
                    Map.of("namespace", "ssa"))));

            assertThat(result.message()).isEqualTo("deployment of example.test/carts:1 failed: the API server refused "
                    + "server-side apply of ConfigMap carts-settings (HTTP 404); it may not support server-side "
                    + "apply: set apply: update in the deployer's settings for such servers");
        }
    }

    @Test
    void deploy_unknownStrategy_failsListingTheKnownOnes() {
        try (Deployer deployer = deployer("update")) {
            assertThat(failing(deployer.deploy(request("example.test/carts:1", "rolling", Map.of()))).message())
                    .isEqualTo("the kubernetes deployer has no strategy rolling; it knows [blue_green_service, "
                            + "canary, direct, duplicate, user_managed]");
        }
    }

    @Test
    void deploy_missingManifests_failsNamingThePath() {
        try (Deployer deployer = deployer("update")) {
            DeploymentResult result = failing(deployer.deploy(request("example.test/carts:1", "direct",
                    Map.of("manifests", dir.resolve("nowhere").toString()))));

            assertThat(result.message()).isEqualTo("deployment of example.test/carts:1 failed: no manifests at "
                    + dir.resolve("nowhere") + " (set manifests in the deployer's settings or the task's properties)");
        }
    }

    @Test
    void deploy_invalidCanaryProperties_failsListingEveryProblemBeforeTouchingTheCluster() {
        try (Deployer deployer = deployer("update")) {
            DeploymentResult result = failing(deployer.deploy(request("example.test/carts:1", "canary",
                    Map.of("namespace", "bad-canary", "steps", "50, 20", "interval", "a while"))));

            assertThat(result.message()).isEqualTo("deployment of example.test/carts:1 failed: invalid canary task "
                    + "properties: steps: 20 does not rise above the step before it (50); interval: \"a while\" is "
                    + "not a duration such as 30s, 5m or PT30S");
            assertThat(fake.client().apps().deployments().inNamespace("bad-canary").list().getItems()).isEmpty();
        }
    }

    @Test
    void deploy_severalContainersAndNoneNamed_failsNamingThem() throws Exception {
        String manifest = Files.readString(Path.of(MockClusterScenariosTest.manifests(), "carts.yaml"))
                .replace("name: carts\n          image:", "name: app\n          image:")
                .replace("      containers:\n", "      containers:\n        - name: proxy\n          image: envoy\n");
        Path file = Files.writeString(dir.resolve("two-containers.yaml"), manifest);
        try (Deployer deployer = deployer("update")) {
            DeploymentResult result = failing(deployer.deploy(request("example.test/carts:1", "direct",
                    Map.of("manifests", file.toString(), "namespace", "two"))));

            assertThat(result.message()).isEqualTo("deployment of example.test/carts:1 failed: deployment carts has "
                    + "containers [proxy, app]; name the one to set the image of with the task property container");
            assertThat(deployer.deploy(request("example.test/carts:1", "direct", Map.of("manifests",
                    file.toString(), "namespace", "two", "container", "app"))).result()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void deploy_canaryWithoutStepEvaluator_saysTheStepsWereCheckedForHealthOnly() {
        try (Deployer deployer = deployer("update")) {
            Map<String, Object> properties = Map.of("namespace", "health-only", "steps", List.of(50));
            assertThat(deployer.deploy(request("example.test/carts:1", "canary", properties)).message())
                    .startsWith("no live version of carts to compare with, so the canary steps were skipped; "
                            + "deployed example.test/carts:1");

            DeploymentResult result = deployer.deploy(request("example.test/carts:2", "canary", properties));

            assertThat(result.result()).isEqualTo(Verdict.PASS);
            assertThat(result.message()).contains("(no step evaluator was given, so the steps were checked for "
                    + "rollout health only)", "step 1 of 1 (50%: 1 of 2 replicas) rolled out");
        }
    }

    @Test
    void release_blueGreenWithNothingDeployed_failsNamingWhatItLookedFor() {
        try (Deployer deployer = deployer("update")) {
            assertThat(failing(deployer.release(request("example.test/carts:9", "blue_green_service",
                    Map.of("namespace", "empty")))).message()).isEqualTo("nothing to release: neither carts-blue nor "
                            + "carts-green in namespace empty runs example.test/carts:9");
        }
    }

    @Test
    void deploy_interrupted_returnsPromptlyAsFailed() throws Exception {
        try (Deployer deployer = deployer("update")) {
            Thread[] worker = new Thread[1];
            CompletableFuture<DeploymentResult> result = CompletableFuture.supplyAsync(() -> {
                worker[0] = Thread.currentThread();
                return deployer.deploy(new DeploymentRequest(CONTEXT, "example.test/carts:slow", "direct",
                        Map.of("namespace", "interrupted"), Duration.ofMinutes(5)));
            });
            while (fake.client().apps().deployments().inNamespace("interrupted").withName("carts").get() == null) {
                Thread.sleep(20);
            }
            worker[0].interrupt();

            assertThat(result.get(30, TimeUnit.SECONDS).message())
                    .isEqualTo("deployment of example.test/carts:slow was interrupted");
        }
    }

    private static Tester tester(String image, String timeoutNamespace) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("kubeconfig", kubeconfig.toString(), "context", "mock",
                "image", image, "command", List.of("run"), "namespace", timeoutNamespace,
                "resultsDir", Files.createTempDirectory(dir, "results").toString(), "pollInterval", "20ms"));
        return new KubernetesJobTesterProvider().create(ProviderConfig.of("test", settings),
                ProviderContext.defaults());
    }

    @Test
    void run_unstubbedLog_isNotTakenForResults() throws Exception {
        try (Tester tester = tester("example.test/loadtest:unstubbed", "unstubbed")) {
            TestRunResult result = tester.run(new TestRunRequest(CONTEXT, "performance", null, Map.of(),
                    Duration.ofSeconds(20)));

            assertThat(result.result()).isEqualTo(Verdict.FAIL);
            assertThat(result.message()).matches("load test job carts-loadtest-\\w{5} in namespace unstubbed "
                    + "succeeded, but its results could not be collected: pod carts-loadtest-\\w{5}-0-x0: no results "
                    + "in its log .*");
            assertThat(result.resultsFile()).isNull();
        }
    }

    @Test
    void run_jobThatNeverEnds_timesOutAndDeletesTheJob() throws Exception {
        try (Tester tester = tester("example.test/loadtest:endless", "endless")) {
            TestRunResult result = tester.run(new TestRunRequest(CONTEXT, "performance", null, Map.of(),
                    Duration.ofMillis(800)));

            assertThat(result.result()).isEqualTo(Verdict.FAIL);
            assertThat(result.message()).matches("load test job carts-loadtest-\\w{5} in namespace endless did not "
                    + "finish within 800ms; the Job was deleted");
            assertThat(fake.client().batch().v1().jobs().inNamespace("endless").list().getItems()).isEmpty();
        }
    }

    @Test
    void run_job_carriesTheWrapperTargetAndPropertiesIntoTheContainer() throws Exception {
        try (Tester tester = tester("example.test/loadtest:endless", "spec")) {
            CompletableFuture<TestRunResult> run = CompletableFuture.supplyAsync(() -> tester.run(new TestRunRequest(
                    CONTEXT, "performance", java.net.URI.create("http://carts.spec.svc:80"), Map.of("users", 25),
                    Duration.ofSeconds(3))));
            io.fabric8.kubernetes.api.model.batch.v1.Job job = null;
            while (job == null) {
                List<io.fabric8.kubernetes.api.model.batch.v1.Job> jobs =
                        fake.client().batch().v1().jobs().inNamespace("spec").list().getItems();
                job = jobs.isEmpty() ? null : jobs.get(0);
                Thread.sleep(20);
            }
            var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);

            assertThat(container.getCommand()).startsWith("/bin/sh", "-c").endsWith("qualitygate", "run");
            assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).contains(
                    "QG_TARGET=http://carts.spec.svc:80", "QG_RESULTS_FILE=/results/results.jtl",
                    "QG_PROP_USERS=25", "QG_SERVICE=carts");
            assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/results");
            assertThat(job.getSpec().getBackoffLimit()).isZero();
            assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3);
            assertThat(run.get(30, TimeUnit.SECONDS).result()).isEqualTo(Verdict.FAIL);
        }
    }
}
