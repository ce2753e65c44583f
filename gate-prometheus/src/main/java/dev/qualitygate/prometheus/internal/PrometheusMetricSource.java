package dev.qualitygate.prometheus.internal;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.prometheus.PrometheusConfig;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.Placeholders;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A metric source over one Prometheus server: one instant query per SLI at the end of the window. Thread-safe.
 * Internal; not API.
 */
public final class PrometheusMetricSource implements MetricSource {
    private static final Logger log = LoggerFactory.getLogger(PrometheusMetricSource.class);
    /** The event label that, in Keptn's prometheus-service, fills {@code $DEPLOYMENT}. */
    static final String DEPLOYMENT_LABEL = "deployment";

    private final PrometheusConfig config;
    private final PrometheusClient client;
    private volatile boolean closed;

    /**
     * Creates the source; opens no connection yet.
     *
     * @param config the validated settings
     */
    public PrometheusMetricSource(PrometheusConfig config) {
        this.config = config;
        this.client = new PrometheusClient(config);
    }

    @Override
    public IndicatorValue fetch(IndicatorQuery query) {
        String promql = promql(query);
        if (closed) {
            return IndicatorValue.failed("SLI '" + query.indicator() + "': the Prometheus metric source for "
                    + client.server() + " is closed; query: " + promql);
        }
        Instant time = query.window().end();
        log.debug("SLI {}: instant query at {} against {}: {}", query.indicator(), time, client.server(), promql);
        try {
            return Answers.read(client.instantQuery(promql, time), query.indicator(), promql, time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return IndicatorValue.failed("SLI '" + query.indicator() + "': interrupted while waiting for Prometheus"
                    + " at " + client.server() + "; query: " + promql);
        }
    }

    /**
     * The query to send: the SLI's query with gate-core's placeholders filled, except that a label
     * {@code deployment} fills {@code $DEPLOYMENT} even when the context names another deployment, as in Keptn's
     * prometheus-service.
     *
     * @param query the SLI query
     * @return the PromQL text
     */
    static String promql(IndicatorQuery query) {
        String label = query.context().labels().get(DEPLOYMENT_LABEL);
        if (label == null || label.equals(query.context().deployment())) {
            return query.query();
        }
        return Placeholders.fill(query.template(), query.context().withDeployment(label), query.window(),
                query.filters());
    }

    /**
     * Keptn's prometheus-service queries for {@code throughput}, {@code error_rate} and
     * {@code response_time_p50/p90/p95}, for SLO objectives that no SLI file names.
     */
    @Override
    public @Nullable String builtInQuery(String indicator, EvaluationContext context, Map<String, String> filters) {
        return BuiltInQueries.of(indicator, context, filters);
    }

    /** Marks the source closed; later fetches fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    /** The server and limits; never the credentials. */
    @Override
    public String toString() {
        String auth = config.token() != null ? "bearer token" : config.username() != null
                ? "basic as " + config.username() : "none";
        return "PrometheusMetricSource[url=" + config.url() + ", auth=" + auth + ", timeout=" + config.timeout()
                + ", retries=" + config.retries() + ", totalTimeout=" + config.totalTimeout() + "]";
    }
}
