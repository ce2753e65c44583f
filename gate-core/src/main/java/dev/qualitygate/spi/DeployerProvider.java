package dev.qualitygate.spi;

/**
 * Creates {@link Deployer}s; the service interface for {@link java.util.ServiceLoader}. List implementations in
 * {@code META-INF/services/dev.qualitygate.spi.DeployerProvider}.
 *
 * @since 0.1
 */
public interface DeployerProvider extends Provider<Deployer> {
}
