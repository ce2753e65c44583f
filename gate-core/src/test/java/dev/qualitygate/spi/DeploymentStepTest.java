package dev.qualitygate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeploymentStepTest {
    private static final DeploymentRequest REQUEST = new DeploymentRequest(
            EvaluationContext.of("shop", "dev", "carts"), "carts:2", "canary", Map.of(), Duration.ofMinutes(1));

    @Test
    void constructor_numberBeyondCount_isRejected() {
        assertThatThrownBy(() -> new DeploymentStep(REQUEST, 3, 2, 50, REQUEST.context(), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("need 1 <= number <= count, were 3 and 2");
    }

    @Test
    void constructor_percentOutOfRange_isRejected() {
        assertThatThrownBy(() -> new DeploymentStep(REQUEST, 1, 2, 0, REQUEST.context(), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percent must be between 1 and 100, was 0");
        assertThatThrownBy(() -> new DeploymentStep(REQUEST, 1, 2, 101, REQUEST.context(), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void label_namesNumberCountAndShare() {
        assertThat(new DeploymentStep(REQUEST, 2, 3, 50, REQUEST.context(), Instant.EPOCH).label())
                .isEqualTo("step 2 of 3 (50%)");
    }

    @Test
    void stepOutcome_factories_setVerdictAndReason() {
        assertThat(StepOutcome.pass("fine")).isEqualTo(new StepOutcome(Verdict.PASS, "fine"));
        assertThat(StepOutcome.fail("error rate 5%")).isEqualTo(new StepOutcome(Verdict.FAIL, "error rate 5%"));
    }

    @Test
    void deployWithEvaluator_deployerWithoutSteps_delegatesToDeployAndNeverCallsEvaluator() {
        List<DeploymentRequest> deployed = new ArrayList<>();
        Deployer plain = new Deployer() {
            @Override
            public Set<String> strategies() {
                return Set.of("direct");
            }

            @Override
            public DeploymentResult deploy(DeploymentRequest request) {
                deployed.add(request);
                return DeploymentResult.pass("deployed");
            }

            @Override
            public DeploymentResult rollback(DeploymentRequest request) {
                return DeploymentResult.pass("rolled back");
            }
        };

        DeploymentResult result = plain.deploy(REQUEST, step -> {
            throw new AssertionError("a deployer without steps must not call the evaluator");
        });

        assertThat(result.message()).isEqualTo("deployed");
        assertThat(deployed).containsExactly(REQUEST);
    }
}
