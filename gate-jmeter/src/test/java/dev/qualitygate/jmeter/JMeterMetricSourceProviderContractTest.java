package dev.qualitygate.jmeter;

import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.test.tck.MetricSourceProviderContract;
import java.util.Map;

class JMeterMetricSourceProviderContractTest extends MetricSourceProviderContract {
    @Override
    protected MetricSourceProvider provider() {
        return new JMeterMetricSourceProvider();
    }

    @Override
    protected Map<String, ?> validSettings() {
        return Map.of("file", "target/no-such-results.jtl");
    }
}
