package dev.qualitygate.test.tck;

import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.Secret;
import org.jspecify.annotations.Nullable;

/** A well-behaved provider that works with defaults alone (an optional value and password), registered in the test services file. */
public final class OptionalSettingsMetricSourceProvider implements MetricSourceProvider {

    record Settings(@Nullable Double value, @Nullable Secret password) {
    }

    public OptionalSettingsMetricSourceProvider() {
    }

    @Override
    public String id() {
        return "tck-optional";
    }

    @Override
    public MetricSource create(ProviderConfig config, ProviderContext context) {
        Settings settings = config.bind(Settings.class);
        double value = settings.value() == null ? 0 : settings.value();
        return new MetricSource() {
            @Override
            public IndicatorValue fetch(IndicatorQuery query) {
                return IndicatorValue.of(value);
            }

            @Override
            public String toString() {
                return "OptionalSource[" + settings + "]";
            }
        };
    }
}
