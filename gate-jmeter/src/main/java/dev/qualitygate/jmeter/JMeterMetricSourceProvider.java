package dev.qualitygate.jmeter;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.jmeter.internal.JtlMetricSource;
import dev.qualitygate.jmeter.internal.JtlReader;
import dev.qualitygate.jmeter.internal.ReadOptions;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The {@code jmeter} metric source: computes SLIs from a JMeter results file (JTL, CSV or XML) with queries such as
 * {@code p95(elapsed) where label ~ "GET /api/.*"}, reading the file once per evaluation however many SLIs it
 * answers. Settings: {@link JMeterMetricSourceConfig}; the query syntax is in the module's README.
 *
 * <p>A query that does not parse is reported, with its column, when the gate is built; a query whose value cannot be
 * computed (no matching sample, a missing file, a missing column) gives a failed value with the reason; rows that
 * cannot be read are left out, counted and described in the value's note. Stateless; thread-safe.
 *
 * @since 0.1
 */
public final class JMeterMetricSourceProvider implements MetricSourceProvider {

    /** Creates the provider; ServiceLoader calls this. */
    public JMeterMetricSourceProvider() {
    }

    @Override
    public String id() {
        return "jmeter";
    }

    @Override
    public String description() {
        return "SLIs from a JMeter results file (JTL): percentiles, mean, min, max, error rate, throughput, count";
    }

    @Override
    public MetricSource create(ProviderConfig config, ProviderContext context) {
        JMeterMetricSourceConfig c = config.bind(JMeterMetricSourceConfig.class);
        if (c.timestampFormat() != null) {
            try {
                DateTimeFormatter.ofPattern(c.timestampFormat());
            } catch (IllegalArgumentException e) {
                throw new GateConfigException(new Problem(config.origin(), 0, 0, "timestampFormat",
                        "is not a DateTimeFormatter pattern: " + e.getMessage(), c.timestampFormat()));
            }
        }
        int threads = c.threads() != null ? c.threads() : Runtime.getRuntime().availableProcessors();
        ReadOptions options = new ReadOptions(new boolean[3],
                (byte) (c.delimiter() == null ? ',' : c.delimiter().charAt(0)),
                c.columns() == null ? List.of() : c.columns(), c.timestampFormat(), Long.MIN_VALUE, Long.MAX_VALUE,
                threads, 0);
        return new JtlMetricSource(Path.of(c.file()),
                c.format() == null ? JtlReader.Format.AUTO : JtlReader.Format.of(c.format()), options,
                Boolean.TRUE.equals(c.useWindow()));
    }
}
