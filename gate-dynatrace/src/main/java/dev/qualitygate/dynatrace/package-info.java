/**
 * The {@code dynatrace} metric source: SLI values from a Dynatrace tenant's Metrics API v2, SLOs, problems and
 * user sessions, for the {@code sli.yaml} queries Keptn's dynatrace-service understood.
 *
 * <p>{@link dev.qualitygate.dynatrace.DynatraceMetricSourceProvider} is found by {@link java.util.ServiceLoader};
 * its settings are described by {@link dev.qualitygate.dynatrace.DynatraceConfig}.
 */
@NullMarked
package dev.qualitygate.dynatrace;

import org.jspecify.annotations.NullMarked;
