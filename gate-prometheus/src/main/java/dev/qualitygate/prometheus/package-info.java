/**
 * The Prometheus metric source: {@link dev.qualitygate.prometheus.PrometheusMetricSourceProvider} (id
 * {@code prometheus}) creates sources that answer SLI queries with instant queries against the Prometheus HTTP API,
 * configured by a {@link dev.qualitygate.prometheus.PrometheusConfig}. Add the jar to the class path and
 * {@link java.util.ServiceLoader} finds it.
 */
@NullMarked
package dev.qualitygate.prometheus;

import org.jspecify.annotations.NullMarked;
