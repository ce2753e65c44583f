package dev.qualitygate;

import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;

/** A provider whose constructor throws, as a provider with a missing dependency would; listed only by tests. */
public final class BrokenMetricSourceProvider implements MetricSourceProvider {

    public BrokenMetricSourceProvider() {
        throw new IllegalStateException("broken on purpose");
    }

    @Override
    public String id() {
        return "broken";
    }

    @Override
    public MetricSource create(ProviderConfig config, ProviderContext context) {
        throw new UnsupportedOperationException();
    }
}
