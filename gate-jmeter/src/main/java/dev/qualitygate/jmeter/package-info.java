/**
 * JMeter for QualityGate: {@link dev.qualitygate.jmeter.JMeterTesterProvider} (id {@code jmeter}) runs JMeter test
 * plans for a test strategy as Keptn's JMeter service did, and {@link dev.qualitygate.jmeter.JMeterMetricSourceProvider}
 * (id {@code jmeter}) computes SLIs such as {@code p95(elapsed) where label ~ "GET /api/.*"} from a JTL results file
 * in one streaming pass. Both are found by {@link java.util.ServiceLoader} when gate-jmeter is on the class path.
 */
@NullMarked
package dev.qualitygate.jmeter;

import org.jspecify.annotations.NullMarked;
