package dev.qualitygate.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qualitygate.Plugins;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.Tester;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesProvidersTest {
    @TempDir
    Path dir;

    @Test
    void discover_findsBothProvidersByTheirIds() {
        Plugins plugins = Plugins.discover();

        assertThat(plugins.deployer("kubernetes")).isInstanceOf(KubernetesDeployerProvider.class);
        assertThat(plugins.tester("kubernetes-job")).isInstanceOf(KubernetesJobTesterProvider.class);
    }

    @Test
    void deployerConfig_noSettings_takesTheDefaults() {
        KubernetesDeployerConfig c = ProviderConfig.of("test", Map.of()).bind(KubernetesDeployerConfig.class);

        assertThat(c).isEqualTo(new KubernetesDeployerConfig(null, null, false, "$PROJECT-$STAGE",
                "manifests/$SERVICE", "server-side", Duration.ofSeconds(2), Duration.ofSeconds(30), 3));
    }

    @Test
    void deployerConfig_invalidSettings_listsEveryProblem() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> ProviderConfig.of("gate.yaml: "
                + "deployers.k8s", Map.of("apply", "kubectl", "crashLoopRestarts", 0, "pollInterval", "0s"))
                .bind(KubernetesDeployerConfig.class));

        assertThat(e.problems()).extracting(Problem::path, Problem::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("apply", "must be server-side or update"),
                org.assertj.core.groups.Tuple.tuple("crashLoopRestarts", "must be greater than 0"),
                org.assertj.core.groups.Tuple.tuple("pollInterval", "must be positive"));
    }

    @Test
    void deployerConfig_unknownSetting_namesItAndTheKnownOnes() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> ProviderConfig.of("test",
                Map.of("namesapce", "x")).bind(KubernetesDeployerConfig.class));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("namesapce");
            assertThat(p.message()).startsWith("unknown setting; known settings are apply, context, crashLoopRestarts");
        });
    }

    @Test
    void create_inClusterWithAContext_isRefused() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> new KubernetesDeployerProvider()
                .create(ProviderConfig.of("test", Map.of("inCluster", true, "context", "prod")),
                        ProviderContext.defaults()));

        assertThat(e.getMessage()).contains("inCluster: true uses the pod's service account and cannot be combined "
                + "with kubeconfig or context");
    }

    @Test
    void create_contextNotInTheKubeconfig_namesTheContextsThereAre() throws Exception {
        Path kubeconfig = Kubeconfigs.write(dir.resolve("config"), "http://127.0.0.1:9");

        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> new KubernetesDeployerProvider()
                .create(ProviderConfig.of("test", Map.of("kubeconfig", kubeconfig.toString(), "context", "prod")),
                        ProviderContext.defaults()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("context");
            assertThat(p.value()).isEqualTo("prod");
            assertThat(p.message()).isEqualTo("no context of that name in " + kubeconfig
                    + "; its contexts are [mock, elsewhere]");
        });
    }

    @Test
    void create_missingKubeconfigFile_saysWhereItLooked() {
        Path missing = dir.resolve("absent");

        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> new KubernetesDeployerProvider()
                .create(ProviderConfig.of("test", Map.of("kubeconfig", missing.toString())),
                        ProviderContext.defaults()));

        assertThat(e.getMessage()).contains("no kubeconfig file at " + missing);
    }

    @Test
    void create_deployer_listsTheStrategiesAndShowsNoCredentials() throws Exception {
        Path kubeconfig = Kubeconfigs.write(dir.resolve("config"), "http://127.0.0.1:9");
        Deployer deployer = new KubernetesDeployerProvider().create(ProviderConfig.of("test",
                Map.of("kubeconfig", kubeconfig.toString(), "context", "mock")), ProviderContext.defaults());

        assertThat(deployer.strategies()).containsExactlyInAnyOrder("direct", "blue_green_service", "duplicate",
                "canary", "user_managed");
        assertThat(deployer.toString()).doesNotContain("test-token");
        deployer.close();
        deployer.close();
    }

    @Test
    void testerConfig_withoutImageAndCommand_listsBothProblems() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> ProviderConfig.of("test",
                Map.of("resultsFile", "results.jtl")).bind(KubernetesJobTesterConfig.class));

        assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder("image", "command",
                "resultsFile");
    }

    @Test
    void create_tester_servesPerformanceByDefault() throws Exception {
        Path kubeconfig = Kubeconfigs.write(dir.resolve("config"), "http://127.0.0.1:9");
        try (Tester tester = new KubernetesJobTesterProvider().create(ProviderConfig.of("test", Map.of(
                "kubeconfig", kubeconfig.toString(), "context", "mock", "image", "justb4/jmeter:5.6",
                "command", List.of("jmeter", "-n"))), ProviderContext.defaults())) {
            assertThat(tester.strategies()).containsExactly("performance");
        }
    }
}
