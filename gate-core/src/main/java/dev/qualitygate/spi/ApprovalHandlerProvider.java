package dev.qualitygate.spi;

/**
 * Creates {@link ApprovalHandler}s; the service interface for {@link java.util.ServiceLoader}. List implementations in
 * {@code META-INF/services/dev.qualitygate.spi.ApprovalHandlerProvider}.
 *
 * @since 0.1
 */
public interface ApprovalHandlerProvider extends Provider<ApprovalHandler> {
}
