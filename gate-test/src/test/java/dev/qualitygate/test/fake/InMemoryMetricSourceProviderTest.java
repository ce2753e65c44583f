package dev.qualitygate.test.fake;

import static dev.qualitygate.test.assertj.GateAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qualitygate.Gate;
import dev.qualitygate.Plugins;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.SliConfig;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryMetricSourceProviderTest {
    private static final TimeWindow WINDOW = TimeWindow.ending(Instant.parse("2026-03-01T10:05:00Z"),
            Duration.ofMinutes(5));

    private static InMemoryMetricSource create(Map<String, ?> settings) {
        return new InMemoryMetricSourceProvider().create(ProviderConfig.of("test", settings),
                ProviderContext.defaults());
    }

    @Test
    void create_values_becomeMeasuredValues() {
        InMemoryMetricSource source = create(Map.of("values", Map.of("rt", 420, "errors", 0.5)));

        assertThat(source.values()).containsEntry("rt", IndicatorValue.of(420))
                .containsEntry("errors", IndicatorValue.of(0.5));
    }

    @Test
    void create_delays_areReadAsDurations() {
        InMemoryMetricSource source = create(Map.of("values", Map.of("rt", 1), "delays", Map.of("rt", "20ms")));

        assertThat(source.fetch(dev.qualitygate.spi.IndicatorQuery.of("rt", "q", WINDOW, EvaluationContext.NONE,
                Map.of()))).isEqualTo(IndicatorValue.of(1));
    }

    @Test
    void create_withoutValues_namesTheMissingSetting() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> create(Map.of()));

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::path).containsExactly("values");
    }

    @Test
    void create_unknownSetting_isRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> create(Map.of("values", Map.of(), "valeus", Map.of())))
                .isInstanceOf(GateConfigException.class)
                .hasMessageContaining("valeus")
                .hasMessageContaining("delays, values");
    }

    @Test
    void create_nonNumericValue_namesIt() {
        assertThatThrownBy(() -> create(Map.of("values", Map.of("rt", "fast"))))
                .isInstanceOf(GateConfigException.class)
                .hasMessageContaining("values");
    }

    @Test
    void create_negativeDelay_isAProblemAtItsPath() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class,
                () -> create(Map.of("values", Map.of(), "delays", Map.of("rt", "PT-1S"))));

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("delays.rt");
            assertThat(p.message()).contains("negative");
        });
    }

    @Test
    void discovery_findsTheProviderUnderItsId() {
        assertThat(Plugins.discover().metricSource("in-memory")).isInstanceOf(InMemoryMetricSourceProvider.class);
        assertThat(Plugins.discover().ids(MetricSourceProvider.class)).contains("in-memory");
    }

    @Test
    void gate_configuredByProviderId_evaluatesTheValuesFromTheSettings() {
        Slo slo = Slo.builder()
                .objective(Objective.builder("rt").pass("<600").build())
                .objective(Objective.builder("errors").pass("<1").build())
                .build();
        SliConfig sli = new SliConfig("1.0", Map.of("rt", "rt{service=\"$SERVICE\"}", "errors", "errors"), null);
        EvaluationResult result;
        try (Gate gate = Gate.builder().slo(slo).sli(sli, "in-memory")
                .source("in-memory", Map.of("values", Map.of("rt", 420, "errors", 2)))
                .build()) {
            result = gate.evaluate(EvaluationContext.of("shop", "dev", "carts"), WINDOW);
        }

        assertThat(result).isFail().hasScore(50)
                .objective("rt").isPass().hasValue(420).and()
                .objective("errors").isFail().hasViolated("<1");
    }

    @Test
    void description_saysWhatItDoes() {
        assertThat(new InMemoryMetricSourceProvider().description()).contains("in-memory");
    }
}
