package dev.qualitygate.test.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.Plugins;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingDeployerTest {
    private static final DeploymentRequest REQUEST = new DeploymentRequest(EvaluationContext.of("shop", "dev", "carts"),
            "carts:1.2.0", "direct", Map.of("replicas", 2), Duration.ofMinutes(5));

    @Test
    void passing_recordsTheRequestAndPasses() {
        RecordingDeployer deployer = RecordingDeployer.passing("direct");

        DeploymentResult result = deployer.deploy(REQUEST);

        assertThat(result.result()).isEqualTo(Verdict.PASS);
        assertThat(result.message()).contains("carts:1.2.0");
        assertThat(deployer.deployed()).containsExactly(REQUEST);
        assertThat(deployer.strategies()).containsExactly("direct");
    }

    @Test
    void returning_answersEveryDeploymentWithTheResult() {
        DeploymentResult failed = DeploymentResult.fail("image not found");
        RecordingDeployer deployer = RecordingDeployer.returning(failed, "direct", "canary");

        assertThat(deployer.deploy(REQUEST)).isSameAs(failed);
        assertThat(deployer.deploy(REQUEST)).isSameAs(failed);
        assertThat(deployer.deployed()).hasSize(2);
        assertThat(deployer.strategies()).containsExactlyInAnyOrder("direct", "canary");
    }

    @Test
    void answering_computesTheResultFromTheRequest() {
        RecordingDeployer deployer = RecordingDeployer.answering(
                r -> DeploymentResult.fail("no " + r.artifact()), "direct");

        assertThat(deployer.deploy(REQUEST).message()).isEqualTo("no carts:1.2.0");
    }

    @Test
    void releaseAndRollback_areRecordedSeparatelyAndPass() {
        RecordingDeployer deployer = RecordingDeployer.passing("direct");

        assertThat(deployer.release(REQUEST).result()).isEqualTo(Verdict.PASS);
        assertThat(deployer.rollback(REQUEST).result()).isEqualTo(Verdict.PASS);

        assertThat(deployer.deployed()).isEmpty();
        assertThat(deployer.released()).containsExactly(REQUEST);
        assertThat(deployer.rolledBack()).containsExactly(REQUEST);
    }

    @Test
    void noStrategy_isRefused() {
        assertThatThrownBy(RecordingDeployer::passing).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void close_isRecordedAndIdempotent() {
        RecordingDeployer deployer = RecordingDeployer.passing("direct");

        deployer.close();
        deployer.close();

        assertThat(deployer.isClosed()).isTrue();
    }

    @Test
    void asProvider_isFoundByIdAndCreatesThisDeployer() {
        RecordingDeployer deployer = RecordingDeployer.passing("direct");

        Deployer created = Plugins.none().with(deployer.asProvider("kubernetes")).deployer("kubernetes")
                .create(ProviderConfig.of("test", Map.of()), ProviderContext.defaults());

        assertThat(created).isSameAs(deployer);
    }
}
