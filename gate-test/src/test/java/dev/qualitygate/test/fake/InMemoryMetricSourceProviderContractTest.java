package dev.qualitygate.test.fake;

import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.test.tck.MetricSourceProviderContract;
import java.util.Map;

/** The TCK, run against the in-memory provider (it has no secret settings, so the secret checks are skipped). */
class InMemoryMetricSourceProviderContractTest extends MetricSourceProviderContract {

    @Override
    protected MetricSourceProvider provider() {
        return new InMemoryMetricSourceProvider();
    }

    @Override
    protected Map<String, ?> validSettings() {
        return Map.of("values", Map.of("response_time_p95", 420), "delays", Map.of("response_time_p95", "1ms"));
    }
}
