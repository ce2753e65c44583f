package dev.qualitygate.kubernetes;

import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.Tester;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios against fabric8's mock API server, with {@link FakeCluster} playing the controllers. The deployer and
 * testers are made by their providers from a kubeconfig that points at the mock, with {@code apply: update} because
 * the mock has no server-side apply. Each test gets its own project, so its namespace is fresh.
 */
class MockClusterScenariosTest extends DeployerScenarios {
    private static FakeCluster fake;
    private static Path kubeconfig;
    private static int counter;

    @TempDir
    static Path dir;

    private Deployer deployer;
    private String namespace;

    @BeforeAll
    static void startCluster() throws IOException {
        fake = FakeCluster.start();
        fake.onImage("example.test/carts:crash", FakeCluster.Rollout.CRASH_LOOP);
        fake.onImage("example.test/carts:stall", FakeCluster.Rollout.STALL);
        fake.onImage("example.test/carts:slow", FakeCluster.Rollout.NEVER_READY);
        fake.onJobImage("example.test/loadtest:ok", FakeCluster.JobRun.succeeding("starting 10 users\n", RESULTS));
        fake.onJobImage("example.test/loadtest:fail", FakeCluster.JobRun.failing("connection refused\n"));
        kubeconfig = Kubeconfigs.write(dir.resolve("kubeconfig"), fake.url());
    }

    @AfterAll
    static void stopCluster() {
        fake.close();
    }

    @BeforeEach
    void createDeployer() {
        counter++;
        namespace = "shop-dev-" + counter;
        deployer = new KubernetesDeployerProvider().create(ProviderConfig.of("test deployer", Map.of(
                "kubeconfig", kubeconfig.toString(),
                "context", "mock",
                "namespace", "$PROJECT-$STAGE-" + counter,
                "manifests", manifests(),
                "apply", "update",
                "pollInterval", "20ms")), ProviderContext.defaults());
    }

    @AfterEach
    void closeDeployer() {
        deployer.close();
    }

    static String manifests() {
        try {
            return Path.of(MockClusterScenariosTest.class.getResource("/manifests/carts").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    Deployer deployer() {
        return deployer;
    }

    @Override
    KubernetesClient cluster() {
        return fake.client();
    }

    @Override
    String namespace() {
        return namespace;
    }

    @Override
    String image(Version version) {
        return switch (version) {
            case V1 -> "example.test/carts:1";
            case V2 -> "example.test/carts:2";
            case CRASHING -> "example.test/carts:crash";
            case STALLING -> "example.test/carts:stall";
            case NEVER_READY -> "example.test/carts:slow";
        };
    }

    @Override
    Duration timeout() {
        return Duration.ofSeconds(20);
    }

    @Override
    Duration shortTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    Tester tester(boolean succeeding) {
        try {
            return new KubernetesJobTesterProvider().create(ProviderConfig.of("test tester", Map.of(
                    "kubeconfig", kubeconfig.toString(),
                    "context", "mock",
                    "namespace", "$PROJECT-$STAGE-" + counter,
                    "image", succeeding ? "example.test/loadtest:ok" : "example.test/loadtest:fail",
                    "command", List.of("jmeter", "-n", "-t", "/plans/carts.jmx", "-l", "$(QG_RESULTS_FILE)"),
                    "resultsDir", Files.createTempDirectory(dir, "results").toString(),
                    "pollInterval", "20ms")), ProviderContext.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
