package dev.qualitygate.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CanaryPlanTest {

    @Test
    void of_noProperties_takesTheDefaultSteps() {
        assertThat(CanaryPlan.of(Map.of())).isEqualTo(new CanaryPlan(List.of(10, 50), Duration.ZERO));
    }

    @Test
    void of_listOrText_readsTheSameSteps() {
        assertThat(CanaryPlan.of(Map.of("steps", List.of(10, "25", 50))).percents()).containsExactly(10, 25, 50);
        assertThat(CanaryPlan.of(Map.of("steps", "10, 25%,50")).percents()).containsExactly(10, 25, 50);
    }

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "1m30s, PT1M30S", "250ms, PT0.25S", "2h, PT2H", "PT5M, PT5M"})
    void of_interval_readsGoAndIsoDurations(String text, String expected) {
        assertThat(CanaryPlan.of(Map.of("interval", text)).interval()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void of_invalidProperties_listsEveryProblem() {
        assertThatThrownBy(() -> CanaryPlan.of(Map.of("steps", List.of(0, 50, 40, "half", 120), "interval", "soon")))
                .isInstanceOf(DeployFailure.class)
                .hasMessage("invalid canary task properties: steps: 0 is not a share between 1 and 100; "
                        + "steps: 40 does not rise above the step before it (50); "
                        + "steps: \"half\" is not a whole percentage; steps: 120 is not a share between 1 and 100; "
                        + "interval: \"soon\" is not a duration such as 30s, 5m or PT30S");
    }

    @Test
    void of_emptySteps_isAProblem() {
        assertThatThrownBy(() -> CanaryPlan.of(Map.of("steps", List.of())))
                .hasMessageContaining("steps is empty");
    }

    @ParameterizedTest
    @CsvSource({"10, 10, 1", "10, 25, 3", "4, 25, 1", "4, 50, 2", "2, 10, 1", "3, 100, 3", "1, 50, 1"})
    void canaryReplicas_roundsToAtLeastOneAndAtMostAll(int total, int percent, int expected) {
        assertThat(CanaryPlan.canaryReplicas(total, percent)).isEqualTo(expected);
    }
}
