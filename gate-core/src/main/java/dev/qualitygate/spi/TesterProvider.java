package dev.qualitygate.spi;

/**
 * Creates {@link Tester}s; the service interface for {@link java.util.ServiceLoader}. List implementations in
 * {@code META-INF/services/dev.qualitygate.spi.TesterProvider}.
 *
 * @since 0.1
 */
public interface TesterProvider extends Provider<Tester> {
}
