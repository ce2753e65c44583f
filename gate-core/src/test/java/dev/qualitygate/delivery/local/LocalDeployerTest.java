package dev.qualitygate.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.Plugins;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The local deployer with real processes ({@link TinyService}) on 127.0.0.1. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalDeployerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Deployer deployer() {
        return new LocalDeployerProvider().create(ProviderConfig.of("test", Map.of("logs", dir.toString(),
                "javaOptions", java.util.List.of("-XX:TieredStopAtLevel=1", "-Xmx64m"))), ProviderContext.defaults());
    }

    static String artifact(String version, String mode) {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -XX:TieredStopAtLevel=1 -Xmx64m -cp "
                + System.getProperty("java.class.path") + " " + TinyService.class.getName() + " " + version + " " + mode;
    }

    static DeploymentRequest request(String strategy, String version, String mode) {
        return new DeploymentRequest(EvaluationContext.of("shop", "staging", "carts"), artifact(version, mode),
                strategy, Map.of(), Duration.ofSeconds(30));
    }

    static String get(URI uri) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body().trim();
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void direct_newVersion_replacesTheOldAndRollbackRestartsIt() {
        try (Deployer deployer = deployer()) {
            DeploymentResult first = deployer.deploy(request("direct", "1", "healthy"));
            assertThat(first.result()).isEqualTo(Verdict.PASS);
            URI v1 = first.endpoints().get(0);
            assertThat(v1.getHost()).isEqualTo("127.0.0.1");
            assertThat(get(v1)).isEqualTo("200 v1");

            DeploymentResult second = deployer.deploy(request("direct", "2", "healthy"));
            URI v2 = second.endpoints().get(0);
            assertThat(get(v2)).isEqualTo("200 v2");
            assertThat(get(v1)).isEqualTo("unreachable");
            assertThat(second.message()).contains("; stopped ");

            DeploymentResult rolledBack = deployer.rollback(request("direct", "2", "healthy"));
            assertThat(rolledBack.result()).isEqualTo(Verdict.PASS);
            assertThat(get(rolledBack.endpoints().get(0))).isEqualTo("200 v1");
            assertThat(get(v2)).isEqualTo("unreachable");
        }
    }

    @Test
    void blueGreen_switchesTheProxyKeepsTheOldUntilReleaseAndSwitchesBackOnRollback() {
        try (Deployer deployer = deployer()) {
            URI proxy = deployer.deploy(request("blue_green_service", "1", "healthy")).endpoints().get(0);
            assertThat(get(proxy)).isEqualTo("200 v1");
            DeploymentResult v2 = deployer.deploy(request("blue_green_service", "2", "healthy"));
            assertThat(v2.endpoints().get(0)).isEqualTo(proxy);
            assertThat(get(proxy)).isEqualTo("200 v2");
            assertThat(v2.message()).contains("keeps running until the release");

            DeploymentResult rolledBack = deployer.rollback(request("blue_green_service", "2", "healthy"));
            assertThat(rolledBack.message()).startsWith("switched the proxy " + proxy + " back to ");
            assertThat(get(proxy)).isEqualTo("200 v1");
            assertThat(get(v2.endpoints().get(1))).isEqualTo("unreachable");

            URI v3 = deployer.deploy(request("blue_green", "3", "healthy")).endpoints().get(1);
            assertThat(deployer.release(request("blue_green", "3", "healthy")).message()).contains("; stopped ");
            assertThat(get(proxy)).isEqualTo("200 v3");
            assertThat(get(v3)).isEqualTo("200 v3");
        }
    }

    @Test
    void deploy_versionNeverHealthy_failsNamingTheHealthCheckAndKeepsTheOld() {
        try (Deployer deployer = deployer()) {
            URI v1 = deployer.deploy(request("direct", "1", "healthy")).endpoints().get(0);
            DeploymentRequest unhealthy = new DeploymentRequest(EvaluationContext.of("shop", "staging", "carts"),
                    artifact("2", "unhealthy"), "direct", Map.of(), Duration.ofSeconds(2));

            DeploymentResult result = deployer.deploy(unhealthy);

            assertThat(result.result()).isEqualTo(Verdict.FAIL);
            assertThat(result.message()).contains("was not ready within 2 s: http://127.0.0.1:")
                    .contains("/health gave status 500");
            assertThat(get(v1)).isEqualTo("200 v1");
        }
    }

    @Test
    void deploy_versionExits_failsWithItsStatusAndOutput() {
        try (Deployer deployer = deployer()) {
            DeploymentResult result = deployer.deploy(request("direct", "9", "exit"));

            assertThat(result.result()).isEqualTo(Verdict.FAIL);
            assertThat(result.message()).contains("exited with status 3 before http://127.0.0.1:")
                    .contains("TinyService 9: cannot start, exiting");
        }
    }

    @Test
    void close_stopsEveryVersion() {
        URI live;
        try (Deployer deployer = deployer()) {
            live = deployer.deploy(request("blue_green_service", "1", "healthy")).endpoints().get(1);
            assertThat(get(live)).isEqualTo("200 v1");
        }
        assertThat(get(live)).isEqualTo("unreachable");
    }

    @Test
    void provider_isFoundAsLocalAndRefusesBadSettings() {
        assertThat(Plugins.discover().deployer("local")).isInstanceOf(LocalDeployerProvider.class);
        assertThatThrownBy(() -> new LocalDeployerProvider().create(ProviderConfig.of("gate.yaml: deployers.local",
                Map.of("health", "health", "port", 1)), ProviderContext.defaults()))
                .isInstanceOf(GateConfigException.class).hasMessageContaining("port")
                .hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> new LocalDeployerProvider().create(ProviderConfig.of("gate.yaml: deployers.local",
                Map.of("health", "health")), ProviderContext.defaults()))
                .isInstanceOf(GateConfigException.class).hasMessageContaining("must start with /");
    }
}
