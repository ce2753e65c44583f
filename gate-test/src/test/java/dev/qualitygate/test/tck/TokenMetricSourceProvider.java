package dev.qualitygate.test.tck;

import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.Secret;
import jakarta.validation.constraints.NotNull;
import java.net.URI;

/** A well-behaved provider with a required URL and a secret token, registered in the test services file. */
public final class TokenMetricSourceProvider implements MetricSourceProvider {

    record Settings(@NotNull URI url, @NotNull Secret token) {
    }

    public TokenMetricSourceProvider() {
    }

    @Override
    public String id() {
        return "tck-token";
    }

    @Override
    public MetricSource create(ProviderConfig config, ProviderContext context) {
        Settings settings = config.bind(Settings.class);
        return new MetricSource() {
            @Override
            public IndicatorValue fetch(IndicatorQuery query) {
                return IndicatorValue.failed("nothing answers at " + settings.url() + " for " + query.indicator());
            }

            @Override
            public String toString() {
                return "TokenSource[" + settings + "]";
            }
        };
    }
}
