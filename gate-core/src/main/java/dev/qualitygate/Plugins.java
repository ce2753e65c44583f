package dev.qualitygate;

import dev.qualitygate.error.ProviderException;
import dev.qualitygate.spi.ApprovalHandlerProvider;
import dev.qualitygate.spi.DeployerProvider;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.Provider;
import dev.qualitygate.spi.TesterProvider;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin providers available to a {@link Gate}: those {@link ServiceLoader} finds on the class path, those added
 * by hand, or both.
 *
 * <p>Discovery never fails as a whole: a provider class that cannot be loaded or instantiated is skipped and listed
 * in {@link #problems()} (and logged at WARN), so one broken jar does not hide the others. Two providers of the same
 * kind with the same id are an error when that id is looked up; the message names both classes and their jars. An
 * unknown id lists the known ones and the artifact that provides it.
 *
 * <pre>{@code
 * Plugins plugins = Plugins.discover();                  // everything on the class path
 * Plugins mine = Plugins.none().with(new MySourceProvider()); // no discovery
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Plugins {
    private static final Logger log = LoggerFactory.getLogger(Plugins.class);
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final List<Class<? extends Provider<?>>> KINDS = List.of(
            MetricSourceProvider.class, DeployerProvider.class, TesterProvider.class, ApprovalHandlerProvider.class);
    private static final Map<String, String> ARTIFACTS = Map.of(
            "prometheus", "gate-prometheus", "dynatrace", "gate-dynatrace", "jmeter", "gate-jmeter",
            "kubernetes", "gate-kubernetes");

    private final Map<Class<?>, Map<String, List<Provider<?>>>> providers;
    private final List<String> problems;

    private Plugins(Map<Class<?>, Map<String, List<Provider<?>>>> providers, List<String> problems) {
        this.providers = providers;
        this.problems = List.copyOf(problems);
    }

    /**
     * No providers; add them with {@link #with(Provider)}.
     *
     * @return an empty set of plugins
     */
    public static Plugins none() {
        return new Plugins(Map.of(), List.of());
    }

    /**
     * Discovers providers with the thread's context class loader if set, else the one that loaded QualityGate.
     *
     * @return the discovered providers
     */
    public static Plugins discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : Plugins.class.getClassLoader());
    }

    /**
     * Discovers providers with a given class loader.
     *
     * @param loader the class loader to search
     * @return the discovered providers
     */
    public static Plugins discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        Map<Class<?>, Map<String, List<Provider<?>>>> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Class<? extends Provider<?>> kind : KINDS) {
            Iterator<? extends Provider<?>> it = ServiceLoader.load(kind, loader).iterator();
            for (int guard = 0; guard < 10_000; guard++) {
                Provider<?> provider;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    provider = it.next();
                } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                    String problem = "a " + kindName(kind) + " provider could not be loaded and is skipped: "
                            + e.getMessage();
                    problems.add(problem);
                    log.warn(problem);
                    continue;
                }
                String refused = add(found, kind, provider);
                if (refused != null) {
                    String problem = refused + "; it is skipped";
                    problems.add(problem);
                    log.warn(problem);
                }
            }
        }
        Plugins plugins = new Plugins(freeze(found), problems);
        log.debug("Discovered plugins: {}", plugins);
        return plugins;
    }

    /**
     * A copy with one more provider.
     *
     * @param provider a provider of any kind
     * @return the new set of plugins
     * @throws IllegalArgumentException if the provider implements none of the provider interfaces or its id is not
     *     of the form {@code [a-z][a-z0-9-]*}
     */
    public Plugins with(Provider<?> provider) {
        Objects.requireNonNull(provider, "provider");
        Map<Class<?>, Map<String, List<Provider<?>>>> copy = new LinkedHashMap<>();
        providers.forEach((k, v) -> {
            Map<String, List<Provider<?>>> ids = new LinkedHashMap<>();
            v.forEach((id, list) -> ids.put(id, new ArrayList<>(list)));
            copy.put(k, ids);
        });
        boolean known = false;
        for (Class<? extends Provider<?>> kind : KINDS) {
            if (kind.isInstance(provider)) {
                known = true;
                String refused = add(copy, kind, provider);
                if (refused != null) {
                    throw new IllegalArgumentException(refused);
                }
            }
        }
        if (!known) {
            throw new IllegalArgumentException(provider.getClass().getName() + " implements none of "
                    + "MetricSourceProvider, DeployerProvider, TesterProvider, ApprovalHandlerProvider");
        }
        return new Plugins(freeze(copy), problems);
    }

    /**
     * The metric source provider with the given id.
     *
     * @param id for example {@code prometheus}
     * @return the provider
     * @throws ProviderException if no or several providers have that id
     */
    public MetricSourceProvider metricSource(String id) {
        return lookup(MetricSourceProvider.class, id);
    }

    /**
     * The deployer provider with the given id.
     *
     * @param id for example {@code kubernetes}
     * @return the provider
     * @throws ProviderException if no or several providers have that id
     */
    public DeployerProvider deployer(String id) {
        return lookup(DeployerProvider.class, id);
    }

    /**
     * The tester provider with the given id.
     *
     * @param id for example {@code jmeter}
     * @return the provider
     * @throws ProviderException if no or several providers have that id
     */
    public TesterProvider tester(String id) {
        return lookup(TesterProvider.class, id);
    }

    /**
     * The approval handler provider with the given id.
     *
     * @param id the id
     * @return the provider
     * @throws ProviderException if no or several providers have that id
     */
    public ApprovalHandlerProvider approvalHandler(String id) {
        return lookup(ApprovalHandlerProvider.class, id);
    }

    /**
     * The ids of the providers of one kind.
     *
     * @param kind for example {@code MetricSourceProvider.class}
     * @return the ids, sorted
     */
    public Set<String> ids(Class<? extends Provider<?>> kind) {
        return Collections.unmodifiableSet(new TreeSet<>(providers.getOrDefault(kind, Map.of()).keySet()));
    }

    /**
     * Providers that could not be loaded, each with its class and the reason.
     *
     * @return the problems; empty when every provider loaded
     */
    public List<String> problems() {
        return problems;
    }

    private <P extends Provider<?>> P lookup(Class<P> kind, String id) {
        Objects.requireNonNull(id, "id");
        List<Provider<?>> candidates = providers.getOrDefault(kind, Map.of()).get(id);
        if (candidates == null || candidates.isEmpty()) {
            String artifact = ARTIFACTS.get(id);
            throw new ProviderException("Unknown " + kindName(kind) + " '" + id + "'. Available: "
                    + ids(kindOf(kind)) + "."
                    + (artifact == null ? "" : " Add dev.qualitygate:" + artifact + " to the class path."));
        }
        if (candidates.size() > 1) {
            StringBuilder sb = new StringBuilder();
            for (Provider<?> p : candidates) {
                sb.append(sb.length() == 0 ? "" : " and ").append(p.getClass().getName())
                        .append(" (").append(location(p.getClass())).append(')');
            }
            throw new ProviderException("Two " + kindName(kind) + " providers have the id '" + id + "': " + sb
                    + ". Remove one of them from the class path.");
        }
        return kind.cast(candidates.get(0));
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Provider<?>> kindOf(Class<?> kind) {
        return (Class<? extends Provider<?>>) kind;
    }

    /** Adds the provider under its id; returns why it was refused, or {@code null} when it was added. */
    private static @Nullable String add(Map<Class<?>, Map<String, List<Provider<?>>>> into, Class<?> kind,
            Provider<?> provider) {
        String id;
        try {
            id = provider.id();
        } catch (RuntimeException e) {
            return provider.getClass().getName() + " failed to tell its id: " + e;
        }
        if (id == null || !ID.matcher(id).matches()) {
            return provider.getClass().getName() + " has the id '" + id
                    + "', which is not of the form [a-z][a-z0-9-]*";
        }
        List<Provider<?>> list = into.computeIfAbsent(kind, k -> new LinkedHashMap<>())
                .computeIfAbsent(id, k -> new ArrayList<>());
        if (list.stream().anyMatch(p -> p.getClass().equals(provider.getClass()))) {
            return null;
        }
        list.add(provider);
        if (list.size() == 2) {
            log.warn("Two {} providers have the id '{}': {} and {}", kindName(kind), id,
                    list.get(0).getClass().getName(), list.get(1).getClass().getName());
        }
        return null;
    }

    private static Map<Class<?>, Map<String, List<Provider<?>>>> freeze(
            Map<Class<?>, Map<String, List<Provider<?>>>> map) {
        Map<Class<?>, Map<String, List<Provider<?>>>> frozen = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            Map<String, List<Provider<?>>> ids = new LinkedHashMap<>();
            v.forEach((id, list) -> ids.put(id, List.copyOf(list)));
            frozen.put(k, Collections.unmodifiableMap(ids));
        });
        return Collections.unmodifiableMap(frozen);
    }

    private static String kindName(Class<?> kind) {
        if (kind == MetricSourceProvider.class) {
            return "metric source";
        }
        if (kind == DeployerProvider.class) {
            return "deployer";
        }
        if (kind == TesterProvider.class) {
            return "tester";
        }
        return "approval handler";
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? "unknown location" : url.toString();
    }

    /** Lists the ids per kind, for logs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Plugins[");
        for (Class<? extends Provider<?>> kind : KINDS) {
            sb.append(kindName(kind)).append('=').append(ids(kind)).append(kind == ApprovalHandlerProvider.class
                    ? "" : ", ");
        }
        return sb.append(']').toString();
    }
}
