package dev.qualitygate.kubernetes;

import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.Tester;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The scenarios against a real cluster, run only when {@code KUBECONFIG} is set (no API server can run on the build
 * machines; {@link MockClusterScenariosTest} runs the same scenarios on fabric8's mock server). Uses the kubeconfig's
 * current context, or {@code QUALITYGATE_K8S_CONTEXT}; needs the right to create and delete namespaces, and pulls
 * public images (nginx, busybox, httpd). Each test gets a new namespace {@code qualitygate-it-...}, deleted after it.
 */
class RealClusterScenariosTest extends DeployerScenarios {
    private static KubernetesClient client;
    private static String kubeconfig;
    private String namespace;
    private Deployer deployer;

    /** Skips each test (so that each one says why) unless {@code KUBECONFIG} is set; connects once. */
    private static void connect() {
        kubeconfig = System.getenv("KUBECONFIG");
        Assumptions.assumeTrue(kubeconfig != null && !kubeconfig.isBlank(), "KUBECONFIG is not set, so the "
                + "real-cluster scenarios are skipped: set it to a kubeconfig whose account may create namespaces "
                + "(optionally QUALITYGATE_K8S_CONTEXT to pick a context); MockClusterScenariosTest runs the same "
                + "scenarios on fabric8's mock server");
        if (client == null) {
            kubeconfig = kubeconfig.split(File.pathSeparator)[0];
            client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                    .withConfig(Config.fromKubeconfig(System.getenv("QUALITYGATE_K8S_CONTEXT"), new File(kubeconfig)))
                    .build();
        }
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void createNamespace() {
        connect();
        namespace = "qualitygate-it-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        deployer = new KubernetesDeployerProvider().create(ProviderConfig.of("real cluster", settings(Map.of(
                "manifests", MockClusterScenariosTest.manifests(),
                "pollInterval", "1s",
                "crashLoopRestarts", 1))), ProviderContext.defaults());
    }

    @AfterEach
    void deleteNamespace() {
        if (deployer == null) {
            return;
        }
        deployer.close();
        client.namespaces().withName(namespace).delete();
    }

    private Map<String, Object> settings(Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(more);
        settings.put("kubeconfig", kubeconfig);
        settings.put("namespace", namespace);
        String context = System.getenv("QUALITYGATE_K8S_CONTEXT");
        if (context != null) {
            settings.put("context", context);
        }
        return settings;
    }

    @Override
    Deployer deployer() {
        return deployer;
    }

    @Override
    KubernetesClient cluster() {
        return client;
    }

    @Override
    String namespace() {
        return namespace;
    }

    @Override
    String image(Version version) {
        return switch (version) {
            case V1 -> "nginx:1.26-alpine";
            case V2 -> "nginx:1.27-alpine";
            case CRASHING -> "busybox:1.36";
            case STALLING, NEVER_READY -> "httpd:2.4-alpine";
        };
    }

    @Override
    Duration timeout() {
        return Duration.ofMinutes(3);
    }

    @Override
    Duration shortTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    Tester tester(boolean succeeding) {
        List<String> command = succeeding
                ? List.of("sh", "-c", "printf '%s' \"$RESULTS\" > \"$QG_RESULTS_FILE\"")
                : List.of("sh", "-c", "echo connection refused; exit 3");
        return new KubernetesJobTesterProvider().create(ProviderConfig.of("real cluster", settings(Map.of(
                "image", "busybox:1.36",
                "command", command,
                "env", Map.of("RESULTS", RESULTS),
                "pollInterval", "1s"))), ProviderContext.defaults());
    }
}
