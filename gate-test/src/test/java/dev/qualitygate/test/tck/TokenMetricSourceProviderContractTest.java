package dev.qualitygate.test.tck;

import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.SecretResolver;
import java.util.Map;
import java.util.Set;

/** The TCK on a provider with required settings and a secret given as an environment reference. */
class TokenMetricSourceProviderContractTest extends MetricSourceProviderContract {

    @Override
    protected MetricSourceProvider provider() {
        return new TokenMetricSourceProvider();
    }

    @Override
    protected Map<String, ?> validSettings() {
        return Map.of("url", "http://127.0.0.1:9", "token", "${env:TCK_TOKEN}");
    }

    @Override
    protected SecretResolver secretResolver() {
        return SecretResolver.of(Map.of("TCK_TOKEN", "tck-secret-from-env"));
    }

    @Override
    protected Set<String> secretSettingValues() {
        return Set.of("tck-secret-from-env");
    }
}
