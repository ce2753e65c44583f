package dev.qualitygate.spi;

/**
 * Creates {@link MetricSource}s; the service interface for {@link java.util.ServiceLoader}. List implementations in
 * {@code META-INF/services/dev.qualitygate.spi.MetricSourceProvider}.
 *
 * @since 0.1
 */
public interface MetricSourceProvider extends Provider<MetricSource> {
}
