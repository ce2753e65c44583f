package dev.qualitygate.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.StepOutcome;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.Tester;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the Role in {@code rbac/role.yaml} against the requests the plugins really send: every strategy's deploy,
 * release and rollback, a load test Job, and server-side apply, on fabric8's mock server. Every request must be
 * allowed by the Role (nothing is missing) and every verb the Role grants must have been used (nothing is extra).
 */
@Timeout(300)
class RbacRoleTest {
    private static final Pattern PATH = Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/[^/]+/([^/?]+)(?:/([^/?]+)(?:/([^/?]+))?)?(\\?.*)?");

    @TempDir
    Path dir;

    @Test
    void role_allowsEveryRequestThePluginsSend_andGrantsNothingUnused() throws Exception {
        Set<String> granted = granted(Path.of("rbac/role.yaml"));
        Set<String> used = new TreeSet<>();
        try (FakeCluster fake = FakeCluster.start()) {
            fake.onJobImage("example.test/loadtest:ok", FakeCluster.JobRun.succeeding("", "a,success\n1,true\n"));
            Path kubeconfig = Kubeconfigs.write(dir.resolve("kubeconfig"), fake.url());
            exercise(kubeconfig, "update");
            exercise(kubeconfig, "server-side");
            for (RecordedRequest r : fake.requests()) {
                used.add(permission(r));
            }
        }

        assertThat(granted).as("granted by rbac/role.yaml").containsAll(used);
        assertThat(used).as("used by the plugins").containsAll(granted);
    }

    private void exercise(Path kubeconfig, String apply) throws Exception {
        Map<String, Object> settings = Map.of("kubeconfig", kubeconfig.toString(), "context", "mock",
                "manifests", MockClusterScenariosTest.manifests(), "apply", apply, "pollInterval", "20ms");
        try (Deployer deployer = new KubernetesDeployerProvider().create(ProviderConfig.of("rbac", settings),
                ProviderContext.defaults())) {
            if (apply.equals("server-side")) {
                DeploymentResult refused = deployer.deploy(request("1", "direct", "ssa"));
                assertThat(refused.message()).contains("set apply: update");
                return;
            }
            for (String strategy : List.of("direct", "blue_green_service", "canary")) {
                String ns = strategy.replace('_', '-');
                passes(deployer.deploy(request("1", strategy, ns)));
                passes(deployer.release(request("1", strategy, ns)));
                passes(deployer.deploy(request("2", strategy, ns), step -> StepOutcome.pass("fine")));
                passes(deployer.release(request("2", strategy, ns)));
                passes(deployer.rollback(request("2", strategy, ns)));
            }
            passes(deployer.deploy(request("3", "canary", "canary"), step -> StepOutcome.fail("too slow")),
                    Verdict.FAIL);
        }
        try (Tester tester = new KubernetesJobTesterProvider().create(ProviderConfig.of("rbac", Map.of(
                "kubeconfig", kubeconfig.toString(), "context", "mock", "image", "example.test/loadtest:ok",
                "command", List.of("run"), "resultsDir", Files.createTempDirectory(dir, "r").toString(),
                "pollInterval", "20ms")), ProviderContext.defaults())) {
            assertThat(tester.run(new TestRunRequest(EvaluationContext.of("shop", "dev", "carts"), "performance",
                    null, Map.of(), Duration.ofSeconds(20))).result()).isEqualTo(Verdict.PASS);
        }
    }

    private static DeploymentRequest request(String version, String strategy, String namespace) {
        return new DeploymentRequest(EvaluationContext.of("shop", "dev", "carts"), "example.test/carts:" + version,
                strategy, Map.of("namespace", namespace, "steps", List.of(50)), Duration.ofSeconds(20));
    }

    private static void passes(DeploymentResult result) {
        passes(result, Verdict.PASS);
    }

    private static void passes(DeploymentResult result, Verdict expected) {
        assertThat(result.result()).as(result.message()).isEqualTo(expected);
    }

    /** {@code group/resource[/subresource]:verb} for a request to a namespaced object or collection. */
    static String permission(RecordedRequest r) {
        Matcher m = PATH.matcher(r.getPath());
        assertThat(m.matches()).as("a namespaced API path: %s %s", r.getMethod(), r.getPath()).isTrue();
        String group = m.group(1) == null ? "" : m.group(1);
        String resource = m.group(2) + (m.group(4) == null ? "" : "/" + m.group(4));
        boolean named = m.group(3) != null;
        String verb = switch (r.getMethod()) {
            case "GET" -> named ? "get" : (r.getPath().contains("watch=true") ? "watch" : "list");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> r.getMethod();
        };
        return group + "/" + resource + ":" + verb;
    }

    private static Set<String> granted(Path roleFile) throws Exception {
        Set<String> granted = new TreeSet<>();
        try (KubernetesClient parser = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                .withConfig(Config.empty()).build(); InputStream in = Files.newInputStream(roleFile)) {
            List<HasMetadata> objects = parser.load(in).items();
            for (HasMetadata o : objects) {
                if (o instanceof Role role) {
                    for (PolicyRule rule : role.getRules()) {
                        for (String group : rule.getApiGroups()) {
                            for (String resource : rule.getResources()) {
                                for (String verb : rule.getVerbs()) {
                                    granted.add(group + "/" + resource + ":" + verb);
                                }
                            }
                        }
                    }
                }
            }
        }
        return granted;
    }
}
