package dev.qualitygate.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.DeploymentStep;
import dev.qualitygate.spi.StepOutcome;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployer's and the Job tester's scenarios, written once and run against two clusters: fabric8's mock server
 * with fake controllers ({@link MockClusterScenariosTest}, always) and a real cluster
 * ({@link RealClusterScenariosTest}, when {@code KUBECONFIG} is set). A subclass supplies the cluster, a deployer
 * and testers configured for it, and the images that behave as each scenario needs.
 */
@Timeout(300)
abstract class DeployerScenarios {
    static final EvaluationContext CONTEXT = EvaluationContext.of("shop", "dev", "carts");

    /** The results file the succeeding load test writes, on both clusters. */
    static final String RESULTS = "timeStamp,elapsed,label,responseCode,responseMessage,success,failureMessage\n"
            + "1767225600000,12,home,200,OK,true,\n"
            + "1767225600100,15,cart,200,OK,true,\n"
            + "1767225600200,90,cart,500,Internal Server Error,false,\"status 500, expected 200\"\n";

    /** Versions of the service, each an image that behaves in a known way on the cluster under test. */
    enum Version {
        /** Healthy. */
        V1,
        /** Healthy. */
        V2,
        /** Its pods crash at start. */
        CRASHING,
        /** Its pods never become ready; the Deployment exceeds its progress deadline. */
        STALLING,
        /** Its pods never become ready; the test's timeout is shorter than the progress deadline. */
        NEVER_READY
    }

    /** The deployer under test; the subclass closes it. */
    abstract Deployer deployer();

    /** A client to look at the cluster with. */
    abstract KubernetesClient cluster();

    /** The namespace the deployer uses for {@link #CONTEXT}. */
    abstract String namespace();

    abstract String image(Version version);

    /** Enough time for a healthy rollout. */
    abstract Duration timeout();

    /** Less time than a never-ready rollout takes to exceed its progress deadline. */
    abstract Duration shortTimeout();

    /** A Job tester whose command writes {@link #RESULTS} and exits 0, or prints an error and exits 3. */
    abstract Tester tester(boolean succeeding);

    DeploymentRequest request(Version version, String strategy) {
        return request(version, strategy, Map.of(), timeout());
    }

    DeploymentRequest request(Version version, String strategy, Map<String, Object> properties, Duration timeout) {
        return new DeploymentRequest(CONTEXT, image(version), strategy, properties, timeout);
    }

    @Nullable Deployment deployment(String name) {
        return cluster().apps().deployments().inNamespace(namespace()).withName(name).get();
    }

    String imageOf(String deployment) {
        return deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    int replicasOf(String deployment) {
        return deployment(deployment).getSpec().getReplicas();
    }

    String selectedColor(String service) {
        return cluster().services().inNamespace(namespace()).withName(service).get().getSpec().getSelector()
                .get("qualitygate.dev/color");
    }

    private DeploymentResult passing(DeploymentResult result) {
        assertThat(result.result()).as(result.message()).isEqualTo(Verdict.PASS);
        return result;
    }

    @Test
    void direct_healthyVersion_rollsOutAndPasses() {
        DeploymentResult result = passing(deployer().deploy(request(Version.V1, "direct")));

        assertThat(result.message()).startsWith("deployed " + image(Version.V1) + ": deployment carts in namespace "
                + namespace() + " rolled out: 2 of 2 replicas available");
        assertThat(result.endpoints()).containsExactly(URI.create("http://carts." + namespace() + ".svc:80"));
        assertThat(result.details()).containsEntry("namespace", namespace()).containsEntry("replicas", "2/2");
        assertThat(imageOf("carts")).isEqualTo(image(Version.V1));
        assertThat(cluster().configMaps().inNamespace(namespace()).withName("carts-settings").get()).isNotNull();
    }

    @Test
    void direct_progressDeadlineExceeded_failsNamingTheCause() {
        passing(deployer().deploy(request(Version.V1, "direct")));

        DeploymentResult result = deployer().deploy(request(Version.STALLING, "direct"));

        assertThat(result.result()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).contains("rollout of deployment carts in namespace " + namespace()
                + " failed: ProgressDeadlineExceeded");
    }

    @Test
    void direct_crashLoopingPods_failsNamingThePod() {
        DeploymentResult result = deployer().deploy(request(Version.CRASHING, "direct"));

        assertThat(result.result()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).containsPattern("pod carts-\\S+ is crash-looping: container carts restarted "
                + "\\d+ times");
    }

    @Test
    void direct_notReadyWithinTheTimeout_timesOutNamingWhatItWaitedFor() {
        DeploymentResult result = deployer().deploy(request(Version.NEVER_READY, "direct", Map.of(), shortTimeout()));

        assertThat(result.result()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).matches("rollout of deployment carts in namespace " + namespace()
                + " did not complete within \\w+: \\S.*");
    }

    @Test
    void direct_rollback_restoresThePreviousImageOnce() {
        passing(deployer().deploy(request(Version.V1, "direct")));
        passing(deployer().deploy(request(Version.V2, "direct")));

        DeploymentResult result = passing(deployer().rollback(request(Version.V2, "direct")));

        assertThat(result.message()).startsWith("rolled back deployment carts in namespace " + namespace() + " from "
                + image(Version.V2) + " to " + image(Version.V1));
        assertThat(imageOf("carts")).isEqualTo(image(Version.V1));
        assertThat(passing(deployer().rollback(request(Version.V2, "direct"))).message())
                .isEqualTo("nothing to roll back: deployment carts in namespace " + namespace() + " runs "
                        + image(Version.V1) + ", not " + image(Version.V2));
    }

    @Test
    void direct_rollbackOfTheFirstDeployment_failsForWantOfAPreviousVersion() {
        passing(deployer().deploy(request(Version.V1, "direct")));

        DeploymentResult result = deployer().rollback(request(Version.V1, "direct"));

        assertThat(result.result()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).contains("no previous version is recorded");
    }

    @Test
    void blueGreen_newVersion_runsBesideTheLiveOneUntilRelease() {
        passing(deployer().deploy(request(Version.V1, "blue_green_service")));
        passing(deployer().release(request(Version.V1, "blue_green_service")));
        assertThat(selectedColor("carts")).isEqualTo("blue");

        DeploymentResult deployed = passing(deployer().deploy(request(Version.V2, "blue_green_service")));

        assertThat(deployed.endpoints()).containsExactly(URI.create("http://carts-preview." + namespace()
                + ".svc:80"));
        assertThat(deployed.message()).contains("service carts still selects blue (" + image(Version.V1) + ")");
        assertThat(selectedColor("carts")).isEqualTo("blue");
        assertThat(selectedColor("carts-preview")).isEqualTo("green");
        assertThat(imageOf("carts-green")).isEqualTo(image(Version.V2));

        DeploymentResult released = passing(deployer().release(request(Version.V2, "blue_green_service")));

        assertThat(released.message()).isEqualTo("switched service carts to green (" + image(Version.V2) + "); blue ("
                + image(Version.V1) + ") scaled to 0 and kept for rollback");
        assertThat(selectedColor("carts")).isEqualTo("green");
        assertThat(replicasOf("carts-blue")).isZero();
    }

    @Test
    void blueGreen_rollbackAfterRelease_switchesBackToTheKeptVersion() {
        passing(deployer().deploy(request(Version.V1, "blue_green_service")));
        passing(deployer().release(request(Version.V1, "blue_green_service")));
        passing(deployer().deploy(request(Version.V2, "blue_green_service")));
        passing(deployer().release(request(Version.V2, "blue_green_service")));

        DeploymentResult result = passing(deployer().rollback(request(Version.V2, "blue_green_service")));

        assertThat(result.message()).isEqualTo("switched service carts back to blue (" + image(Version.V1)
                + "); green (" + image(Version.V2) + ") scaled to 0");
        assertThat(selectedColor("carts")).isEqualTo("blue");
        assertThat(replicasOf("carts-blue")).isEqualTo(2);
        assertThat(replicasOf("carts-green")).isZero();
    }

    @Test
    void blueGreen_rollbackBeforeRelease_discardsTheNewVersion() {
        passing(deployer().deploy(request(Version.V1, "blue_green_service")));
        passing(deployer().release(request(Version.V1, "blue_green_service")));
        passing(deployer().deploy(request(Version.V2, "blue_green_service")));

        DeploymentResult result = passing(deployer().rollback(request(Version.V2, "blue_green_service")));

        assertThat(result.message()).isEqualTo("discarded " + image(Version.V2) + " (green, scaled to 0); service "
                + "carts stays on blue (" + image(Version.V1) + ")");
        assertThat(selectedColor("carts")).isEqualTo("blue");
        assertThat(selectedColor("carts-preview")).isEqualTo("blue");
        assertThat(replicasOf("carts-green")).isZero();
    }

    @Test
    void blueGreen_failedRollout_leavesTheLiveServiceAlone() {
        passing(deployer().deploy(request(Version.V1, "blue_green_service")));
        passing(deployer().release(request(Version.V1, "blue_green_service")));

        DeploymentResult result = deployer().deploy(request(Version.CRASHING, "blue_green_service"));

        assertThat(result.result()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).contains("is crash-looping").endsWith("; service carts still selects blue ("
                + image(Version.V1) + ")");
        assertThat(selectedColor("carts")).isEqualTo("blue");
    }

    @Test
    void canary_everyStepPasses_thenReleasePromotesIt() {
        passing(deployer().deploy(request(Version.V1, "canary")));
        List<DeploymentStep> steps = new ArrayList<>();
        Map<String, Object> properties = Map.of("steps", List.of(25, 50), "replicas", 4);

        DeploymentResult result = passing(deployer().deploy(request(Version.V2, "canary", properties, timeout()),
                step -> {
                    steps.add(step);
                    assertThat(replicasOf("carts-canary") + replicasOf("carts")).isEqualTo(4);
                    return StepOutcome.pass("error rate 0.1%");
                }));

        assertThat(steps).extracting(DeploymentStep::percent).containsExactly(25, 50);
        assertThat(steps).extracting(s -> s.context().deployment()).containsOnly("canary");
        assertThat(result.message()).contains("step 1 of 2 (25%: 1 of 4 replicas) pass: error rate 0.1%",
                "step 2 of 2 (50%: 2 of 4 replicas) pass");
        assertThat(replicasOf("carts-canary")).isEqualTo(2);
        assertThat(replicasOf("carts")).isEqualTo(2);

        DeploymentResult released = passing(deployer().release(request(Version.V2, "canary", properties, timeout())));

        assertThat(released.message()).startsWith("promoted " + image(Version.V2) + " from the canary");
        assertThat(imageOf("carts")).isEqualTo(image(Version.V2));
        assertThat(replicasOf("carts")).isEqualTo(4);
        assertThat(deployment("carts-canary")).isNull();
    }

    @Test
    void canary_failedStepEvaluation_rollsBackToTheStableVersion() {
        passing(deployer().deploy(request(Version.V1, "canary")));
        Map<String, Object> properties = Map.of("steps", "25, 50", "replicas", 4);

        DeploymentResult result = deployer().deploy(request(Version.V2, "canary", properties, timeout()),
                step -> step.number() == 1 ? StepOutcome.pass("fine") : StepOutcome.fail("error_rate 7% > 5%"));

        assertThat(result.result()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).isEqualTo("canary " + image(Version.V2) + " failed at step 2 of 2 (50%: 2 of 4 "
                + "replicas): its evaluation failed: error_rate 7% > 5%; rolled back: canary removed, carts runs "
                + image(Version.V1) + " on 4 replicas");
        assertThat(deployment("carts-canary")).isNull();
        assertThat(replicasOf("carts")).isEqualTo(4);
        assertThat(imageOf("carts")).isEqualTo(image(Version.V1));
    }

    @Test
    void canary_crashingCanary_rollsBackWithoutAnEvaluation() {
        passing(deployer().deploy(request(Version.V1, "canary")));
        List<DeploymentStep> steps = new ArrayList<>();

        DeploymentResult result = deployer().deploy(request(Version.CRASHING, "canary",
                Map.of("steps", List.of(50), "replicas", 2), timeout()), step -> {
                    steps.add(step);
                    return StepOutcome.pass("unexpected");
                });

        assertThat(result.result()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).contains("failed at step 1 of 1 (50%: 1 of 2 replicas)", "is crash-looping",
                "rolled back: canary removed");
        assertThat(steps).isEmpty();
        assertThat(deployment("carts-canary")).isNull();
    }

    @Test
    void canary_rollbackAfterRelease_restoresThePreviousTemplate() {
        passing(deployer().deploy(request(Version.V1, "canary")));
        Map<String, Object> properties = Map.of("steps", List.of(50), "replicas", 2);
        passing(deployer().deploy(request(Version.V2, "canary", properties, timeout()),
                step -> StepOutcome.pass("fine")));
        passing(deployer().release(request(Version.V2, "canary", properties, timeout())));

        DeploymentResult result = passing(deployer().rollback(request(Version.V2, "canary", properties, timeout())));

        assertThat(result.message()).startsWith("rolled back deployment carts");
        assertThat(imageOf("carts")).isEqualTo(image(Version.V1));
    }

    @Test
    void userManaged_appliesTheManifestsAsTheyAre(@TempDir Path dir) throws IOException {
        String manifest;
        try (var in = DeployerScenarios.class.getResourceAsStream("/manifests/carts/carts.yaml")) {
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path own = dir.resolve("carts.yaml");
        Files.writeString(own, manifest.replace("example.test/carts:0", image(Version.V1)));

        DeploymentResult result = passing(deployer().deploy(request(Version.V2, "user_managed",
                Map.of("manifests", own.toString()), timeout())));

        assertThat(result.message()).startsWith("applied the manifests of " + image(Version.V2) + " from " + own);
        assertThat(imageOf("carts")).isEqualTo(image(Version.V1));
    }

    @Test
    void job_succeeds_collectsItsResultsFile() throws IOException {
        try (Tester tester = tester(true)) {
            TestRunResult result = tester.run(new TestRunRequest(CONTEXT, "performance",
                    URI.create("http://carts." + namespace() + ".svc:80"), Map.of("users", 10), timeout()));

            assertThat(result.result()).as(result.message()).isEqualTo(Verdict.PASS);
            assertThat(result.samples()).isEqualTo(3);
            assertThat(result.failedSamples()).isEqualTo(1);
            assertThat(result.failures()).containsExactly("cart: 500 status 500, expected 200");
            assertThat(result.resultsFile()).isNotNull();
            assertThat(Files.readString(result.resultsFile())).isEqualTo(RESULTS);
            assertThat(result.window().duration()).isPositive();
            assertThat(result.message()).contains("succeeded; 3 samples, 1 failed; results in ");
        }
    }

    @Test
    void job_commandFails_failsNamingTheCause() {
        try (Tester tester = tester(false)) {
            TestRunResult result = tester.run(new TestRunRequest(CONTEXT, "performance", null, Map.of(), timeout()));

            assertThat(result.result()).isEqualTo(Verdict.FAIL);
            assertThat(result.message()).contains("failed: BackoffLimitExceeded",
                    "wrote no results file at /results/results.jtl (exit code 3; last output: connection refused)");
            assertThat(result.resultsFile()).isNull();
        }
    }
}
