package dev.qualitygate.dynatrace;

import dev.qualitygate.dynatrace.internal.Sleeper;
import dev.qualitygate.error.GateException;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.util.Optional;

/**
 * The {@code dynatrace} metric source provider: answers {@code sli.yaml} queries from a Dynatrace environment, in
 * every form Keptn's dynatrace-service understood (Metrics API v2 selectors, {@code MV2;}, {@code SLO;},
 * {@code PV2;}, {@code SECPV2;} and {@code USQL;} queries). Its settings are {@link DynatraceConfig}.
 *
 * <p>Found by {@link java.util.ServiceLoader}; stateless and thread-safe. The created source is thread-safe.
 *
 * @since 0.1
 */
public final class DynatraceMetricSourceProvider implements MetricSourceProvider {

    /** For {@link java.util.ServiceLoader}. */
    public DynatraceMetricSourceProvider() {
    }

    /** {@return {@code dynatrace}} */
    @Override
    public String id() {
        return "dynatrace";
    }

    @Override
    public String description() {
        return "Dynatrace: Metrics API v2, SLOs, problems and user sessions (Keptn's sli.yaml query forms)";
    }

    /**
     * Creates a source from its settings; no request is sent until an SLI is fetched.
     *
     * @param config the settings, see {@link DynatraceConfig}
     * @param context the clock the window's end is compared with
     * @return the source; close it to stop its HTTP threads
     * @throws dev.qualitygate.error.GateConfigException if a setting is missing or invalid
     */
    @Override
    public MetricSource create(ProviderConfig config, ProviderContext context) {
        DynatraceConfig settings = config.bind(DynatraceConfig.class);
        return new DynatraceMetricSource(settings, context.clock(), name -> {
            try {
                return Optional.of(config.secrets().expand("${env:" + name + "}"));
            } catch (GateException e) {
                return Optional.empty();
            }
        }, Sleeper.SYSTEM, System::nanoTime);
    }
}
