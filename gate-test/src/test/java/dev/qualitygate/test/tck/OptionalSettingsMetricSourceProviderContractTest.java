package dev.qualitygate.test.tck;

import dev.qualitygate.spi.MetricSourceProvider;
import java.util.Map;
import java.util.Set;

/** The TCK on a provider that needs no settings. */
class OptionalSettingsMetricSourceProviderContractTest extends MetricSourceProviderContract {

    @Override
    protected MetricSourceProvider provider() {
        return new OptionalSettingsMetricSourceProvider();
    }

    @Override
    protected Map<String, ?> validSettings() {
        return Map.of("value", 1.5, "password", "tck-optional-password");
    }

    @Override
    protected Set<String> secretSettingValues() {
        return Set.of("tck-optional-password");
    }

    @Override
    protected boolean hasRequiredSettings() {
        return false;
    }
}
