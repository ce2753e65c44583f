package dev.qualitygate.spi;

/**
 * A named factory of one kind of plugin, found with {@link java.util.ServiceLoader} through one of its
 * sub-interfaces ({@link MetricSourceProvider}, {@link DeployerProvider}, {@link TesterProvider},
 * {@link ApprovalHandlerProvider}).
 *
 * <p>Implementations are public, final, stateless, have a public no-argument constructor, do no I/O when
 * constructed, and are listed in {@code META-INF/services/<service interface>}.
 *
 * @param <T> the plugin it creates
 * @since 0.1
 */
public interface Provider<T extends AutoCloseable> {

    /**
     * The id users name the plugin by, in files and code.
     *
     * @return an id matching {@code [a-z][a-z0-9-]*}, unique among providers of the same kind
     */
    String id();

    /**
     * Creates the plugin from its settings. Validates them first (see {@link ProviderConfig#bind(Class)}).
     *
     * @param config the settings
     * @param context services the plugin may use
     * @return a thread-safe plugin; closing it releases its resources
     * @throws dev.qualitygate.error.GateConfigException if the settings are invalid
     */
    T create(ProviderConfig config, ProviderContext context);

    /**
     * A one-line description for listings.
     *
     * @return the description; by default the id
     */
    default String description() {
        return id();
    }
}
