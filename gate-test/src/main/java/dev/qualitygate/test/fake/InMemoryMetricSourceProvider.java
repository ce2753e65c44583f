package dev.qualitygate.test.fake;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@link InMemoryMetricSource}s from settings, so a gate configured by name can run in a test without a
 * metric server. Its id is {@code in-memory}; it is registered for {@link java.util.ServiceLoader}, so it is found
 * whenever gate-test is on the (test) class path.
 *
 * <p>Settings:
 * <ul>
 *   <li>{@code values} (required): SLI name to number, for example {@code {response_time_p95: 420}};</li>
 *   <li>{@code delays} (optional): SLI name to a duration such as {@code 200ms} or {@code PT1S}, slept before
 *       answering.</li>
 * </ul>
 *
 * <pre>{@code
 * Gate gate = Gate.builder().slo(slo).sli(sli, "in-memory")
 *         .source("in-memory", Map.of("values", Map.of("response_time_p95", 420)))
 *         .build();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryMetricSourceProvider implements MetricSourceProvider {

    /** The settings, bound by {@link ProviderConfig#bind(Class)}. */
    private record Settings(
            @NotNull Map<String, @NotNull Double> values,
            @Nullable Map<String, @NotNull Duration> delays) {
    }

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public InMemoryMetricSourceProvider() {
    }

    /**
     * The id.
     *
     * @return {@code in-memory}
     */
    @Override
    public String id() {
        return "in-memory";
    }

    /**
     * Creates a source from the {@code values} and {@code delays} settings.
     *
     * @param config the settings
     * @param context unused
     * @return a new source
     * @throws dev.qualitygate.error.GateConfigException if {@code values} is missing, a value is not a number, a
     *     delay is not a non-negative duration, or another setting is given
     */
    @Override
    public InMemoryMetricSource create(ProviderConfig config, ProviderContext context) {
        Settings settings = config.bind(Settings.class);
        InMemoryMetricSource.Builder builder = InMemoryMetricSource.builder();
        settings.values().forEach(builder::value);
        Map<String, Duration> delays = settings.delays();
        if (delays != null) {
            delays.forEach((sli, delay) -> {
                if (delay.isNegative()) {
                    throw new GateConfigException(new Problem(config.origin(), 0, 0, "delays." + sli,
                            "must not be negative", delay.toString()));
                }
                builder.delay(sli, delay);
            });
        }
        return builder.build();
    }

    /**
     * A one-line description.
     *
     * @return what the provider does
     */
    @Override
    public String description() {
        return "in-memory: answers SLI queries from fixed values in its settings (for tests)";
    }
}
