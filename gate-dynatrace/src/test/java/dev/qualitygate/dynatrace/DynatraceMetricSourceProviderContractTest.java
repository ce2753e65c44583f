package dev.qualitygate.dynatrace;

import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.SecretResolver;
import dev.qualitygate.test.tck.MetricSourceProviderContract;
import java.util.Map;
import java.util.Set;

/** The contract of gate-test, with the token given as an environment reference. */
class DynatraceMetricSourceProviderContractTest extends MetricSourceProviderContract {

    @Override
    protected MetricSourceProvider provider() {
        return new DynatraceMetricSourceProvider();
    }

    @Override
    protected Map<String, ?> validSettings() {
        return Map.of("url", "http://127.0.0.1:9", "token", "${env:DT_API_TOKEN}", "retries", 0);
    }

    @Override
    protected SecretResolver secretResolver() {
        return SecretResolver.of(Map.of("DT_API_TOKEN", Fixtures.TOKEN));
    }

    @Override
    protected Set<String> secretSettingValues() {
        return Set.of(Fixtures.TOKEN);
    }
}
