package dev.qualitygate.prometheus;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.GateException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.prometheus.internal.PrometheusMetricSource;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metric source {@code prometheus}: answers each SLI with one instant query against the Prometheus HTTP API
 * ({@code POST /api/v1/query}) at the end of the evaluated window, as Keptn's prometheus-service did.
 *
 * <p>Settings: see {@link PrometheusConfig}. The query is the SLI file's text with Keptn's placeholders filled;
 * {@code $DURATION_SECONDS} gives the window's length (such as {@code 300s}), and, as in Keptn, a label named
 * {@code deployment} fills {@code $DEPLOYMENT} even when the context names a deployment. The answer must be a vector
 * with exactly one sample or a scalar, with a finite value; anything else (no samples, several series, NaN or an
 * infinity, an HTTP error, a timeout, a malformed body) becomes a failed value whose reason names the SLI, the
 * problem (Prometheus' own error text for HTTP errors) and the query.
 *
 * <p>Stateless and thread-safe; the sources it creates are thread-safe too.
 *
 * @since 0.1
 */
public final class PrometheusMetricSourceProvider implements MetricSourceProvider {
    /** The provider id, {@value}, used as {@code provider:} (or as the source name) in {@code gate.yaml}. */
    public static final String ID = "prometheus";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public PrometheusMetricSourceProvider() {
        // stateless
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Prometheus HTTP API: one instant query per SLI at the end of the window";
    }

    /**
     * Creates a source from the settings.
     *
     * @param config the settings; see {@link PrometheusConfig}
     * @param context unused: the source measures time with the JVM's monotonic clock
     * @return the source; it holds an HTTP client and no open connections until the first fetch
     * @throws GateConfigException naming every invalid setting
     */
    @Override
    public MetricSource create(ProviderConfig config, ProviderContext context) {
        Objects.requireNonNull(context, "context");
        return new PrometheusMetricSource(bind(config));
    }

    /** Binds and checks the settings with {@link ProviderConfig#bind(Class)}, expanding {@code ${env:NAME}} in the URL. */
    static PrometheusConfig bind(ProviderConfig config) {
        Map<String, Object> settings = new LinkedHashMap<>(config.settings());
        if (settings.get("url") instanceof String url && url.contains("${env:")) {
            try {
                settings.put("url", config.secrets().expand(url));
            } catch (GateException e) {
                throw new GateConfigException(new Problem(config.origin(), 0, 0, "url", e.getMessage(), null));
            }
        }
        return ProviderConfig.of(config.origin(), settings, config.secrets()).bind(PrometheusConfig.class);
    }
}
