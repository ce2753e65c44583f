package dev.qualitygate;

import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.util.Map;

/** A second provider that claims the id {@code fake}; listed only in a generated services file. */
public final class DuplicateFakeMetricSourceProvider implements MetricSourceProvider {

    public DuplicateFakeMetricSourceProvider() {
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public MetricSource create(ProviderConfig config, ProviderContext context) {
        return FakeMetricSource.of(Map.of());
    }
}
