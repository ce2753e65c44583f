package dev.qualitygate.prometheus;

import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.SecretResolver;
import dev.qualitygate.test.tck.MetricSourceProviderContract;
import java.util.Map;
import java.util.Set;

/** gate-test's contract for metric source providers, with a bearer token and basic-auth password as secrets. */
class PrometheusMetricSourceProviderContractTest extends MetricSourceProviderContract {

    @Override
    protected MetricSourceProvider provider() {
        return new PrometheusMetricSourceProvider();
    }

    /** A closed loopback port: nothing answers, so the unknown query fails fast; one quick retry. */
    @Override
    protected Map<String, ?> validSettings() {
        return Map.of("url", "http://127.0.0.1:9", "token", "${env:TCK_PROMETHEUS_TOKEN}", "retries", 1,
                "retryBackoff", "10ms");
    }

    @Override
    protected SecretResolver secretResolver() {
        return SecretResolver.of(Map.of("TCK_PROMETHEUS_TOKEN", "tck-prometheus-token"));
    }

    @Override
    protected Set<String> secretSettingValues() {
        return Set.of("tck-prometheus-token");
    }
}
