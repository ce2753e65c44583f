package dev.qualitygate;

import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.util.Map;

/** A provider whose id is not of the form {@code [a-z][a-z0-9-]*}; listed only in a generated services file. */
public final class BadIdMetricSourceProvider implements MetricSourceProvider {

    public BadIdMetricSourceProvider() {
    }

    @Override
    public String id() {
        return "Bad_Id";
    }

    @Override
    public MetricSource create(ProviderConfig config, ProviderContext context) {
        return FakeMetricSource.of(Map.of());
    }
}
