package dev.qualitygate.test.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.qualitygate.Plugins;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.SecretResolver;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.Assumptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link MetricSourceProvider} must keep, as JUnit 5 tests: extend this class in your plugin's
 * tests and supply the provider and settings it accepts.
 *
 * <pre>{@code
 * class PrometheusMetricSourceProviderContractTest extends MetricSourceProviderContract {
 *     protected MetricSourceProvider provider() {
 *         return new PrometheusMetricSourceProvider();
 *     }
 *
 *     protected Map<String, ?> validSettings() {
 *         return Map.of("url", "http://127.0.0.1:9", "token", "tck-secret-token");
 *     }
 *
 *     protected Set<String> secretSettingValues() {
 *         return Set.of("tck-secret-token");
 *     }
 * }
 * }</pre>
 *
 * <p>Each rule is one test method, so a report names the rule that is broken. The sources the checks create are
 * closed again. {@link #validSettings()} should point at nothing that answers slowly (a closed loopback port is
 * fine): the unknown-query check fetches once and waits at most two minutes.
 *
 * @since 0.1
 */
public abstract class MetricSourceProviderContract {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Instant END = Instant.parse("2026-01-01T12:00:00Z");

    /** For subclasses. */
    protected MetricSourceProviderContract() {
    }

    /**
     * The provider under test, freshly constructed.
     *
     * @return a new instance of the provider
     */
    protected abstract MetricSourceProvider provider();

    /**
     * Settings with which {@link MetricSourceProvider#create} succeeds without contacting anything; secrets may be
     * given literally or as {@code ${env:NAME}} references that {@link #secretResolver()} resolves.
     *
     * @return setting name to value, as they would be read from YAML
     */
    protected abstract Map<String, ?> validSettings();

    /**
     * Whether the provider has settings without which it cannot work; then empty settings must be refused with a
     * {@link GateConfigException}. Override to return {@code false} for a provider that works with defaults alone.
     *
     * @return {@code true} by default
     */
    protected boolean hasRequiredSettings() {
        return true;
    }

    /**
     * The secret values in {@link #validSettings()} (tokens, passwords, as resolved), which must never appear in a
     * {@code toString()}. The secret checks are skipped when this is empty.
     *
     * @return the secret values; empty by default
     */
    protected Set<String> secretSettingValues() {
        return Set.of();
    }

    /**
     * The resolver for {@code ${env:...}} references in the settings.
     *
     * @return the process environment by default
     */
    protected SecretResolver secretResolver() {
        return SecretResolver.system();
    }

    /**
     * The context the sources are created with.
     *
     * @return a fixed clock at 2026-01-01T12:00Z by default
     */
    protected ProviderContext providerContext() {
        return new ProviderContext(Clock.fixed(END, ZoneOffset.UTC));
    }

    /**
     * A query for an SLI the source cannot know, which it must answer without throwing.
     *
     * @return a query named {@code qualitygate_tck_unknown_sli} over the five minutes before the context's clock
     */
    protected IndicatorQuery unknownQuery() {
        return IndicatorQuery.of("qualitygate_tck_unknown_sli", "qualitygate_tck_unknown_query{service=\"$SERVICE\"}",
                TimeWindow.ending(END, Duration.ofMinutes(5)), EvaluationContext.of("tck", "tck", "tck"), Map.of());
    }

    /**
     * The settings as the gate would pass them.
     *
     * @param settings the settings
     * @return a configuration whose origin names the provider under test
     */
    protected final ProviderConfig config(Map<String, ?> settings) {
        return ProviderConfig.of("contract test of " + provider().getClass().getName(), settings, secretResolver());
    }

    private MetricSource createValid() {
        MetricSource source = provider().create(config(validSettings()), providerContext());
        assertThat(source).as("%s.create(...) with valid settings", provider().getClass().getName()).isNotNull();
        return source;
    }

    /**
     * {@link java.util.ServiceLoader} finds the provider: {@link Plugins#discover()} lists its id, and looking that
     * id up yields this provider's class (and no second provider claims the id).
     */
    @Test
    public void serviceLoader_findsTheProvider() {
        MetricSourceProvider provider = provider();
        String type = provider.getClass().getName();
        Plugins plugins = Plugins.discover();

        assertThat(plugins.ids(MetricSourceProvider.class))
                .as("ids of the metric source providers found by ServiceLoader; list %s in "
                        + "META-INF/services/%s. Discovery problems: %s", type, MetricSourceProvider.class.getName(),
                        plugins.problems())
                .contains(provider.id());
        assertThat(plugins.metricSource(provider.id()).getClass().getName())
                .as("the class discovered under the id '%s'", provider.id())
                .isEqualTo(type);
    }

    /** The id matches {@code [a-z][a-z0-9-]*}, the form used in files and code. */
    @Test
    public void id_isWellFormed() {
        assertThat(provider().id()).as("id() of %s", provider().getClass().getName()).matches(ID);
    }

    /**
     * The provider class is public and has a public no-argument constructor, as ServiceLoader needs.
     *
     * @throws ReflectiveOperationException if that constructor fails
     */
    @Test
    public void providerClass_hasPublicNoArgConstructor() throws ReflectiveOperationException {
        Class<?> type = provider().getClass();

        assertThat(Modifier.isPublic(type.getModifiers())).as("%s is public", type.getName()).isTrue();
        Constructor<?> constructor = publicNoArgConstructor(type);
        assertThat(constructor).as("%s has a public no-argument constructor", type.getName()).isNotNull();
        Object instance = constructor.newInstance();
        assertThat(((MetricSourceProvider) instance).id()).isEqualTo(provider().id());
    }

    private static @Nullable Constructor<?> publicNoArgConstructor(Class<?> type) {
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** {@link #validSettings()} create a source. */
    @Test
    public void create_withValidSettings_returnsASource() {
        MetricSource source = createValid();
        source.close();
    }

    /**
     * Empty settings are refused with a {@link GateConfigException} whose problems name a setting, when
     * {@link #hasRequiredSettings()}; otherwise they create a source.
     */
    @Test
    public void create_withEmptySettings_throwsGateConfigExceptionWhenSettingsAreRequired() {
        Throwable thrown = catchThrowable(() -> provider().create(config(Map.of()), providerContext()).close());

        if (!hasRequiredSettings()) {
            assertThat(thrown).as("create(...) with empty settings, since hasRequiredSettings() is false").isNull();
            return;
        }
        assertThat(thrown).as("create(...) with empty settings (override hasRequiredSettings() if the provider "
                + "needs none)").isInstanceOf(GateConfigException.class);
        Set<String> keys = validSettings().keySet();
        assertThat(((GateConfigException) thrown).problems())
                .as("the problems name a missing setting, one of %s", keys)
                .anySatisfy(p -> assertThat(namesAnyOf(p, keys)).isTrue());
    }

    private static boolean namesAnyOf(Problem p, Set<String> keys) {
        return keys.stream().anyMatch(k -> p.path().contains(k) || p.message().contains(k));
    }

    /** The created source's {@code toString()} shows none of {@link #secretSettingValues()}. */
    @Test
    public void toString_ofCreatedSource_hidesSecretValues() {
        Assumptions.assumeThat(secretSettingValues()).as("secretSettingValues()").isNotEmpty();
        MetricSource source = createValid();
        try {
            String text = String.valueOf(source);
            for (String secret : secretSettingValues()) {
                assertThat(text).as("toString() of the created source").doesNotContain(secret);
            }
        } finally {
            source.close();
        }
    }

    /** {@code toString()} of the {@link ProviderConfig} shows none of {@link #secretSettingValues()}. */
    @Test
    public void toString_ofProviderConfig_hidesSecretValues() {
        Assumptions.assumeThat(secretSettingValues()).as("secretSettingValues()").isNotEmpty();
        String text = config(validSettings()).toString();
        for (String secret : secretSettingValues()) {
            assertThat(text).as("toString() of the ProviderConfig").doesNotContain(secret);
        }
    }

    /** Closing a source twice is harmless, also after it answered a query. */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    public void close_isIdempotent() {
        MetricSource used = createValid();
        used.fetch(unknownQuery());
        assertThatCode(() -> {
            used.close();
            used.close();
        }).as("closing a source that fetched, twice").doesNotThrowAnyException();

        MetricSource unused = createValid();
        assertThatCode(() -> {
            unused.close();
            unused.close();
        }).as("closing an unused source twice").doesNotThrowAnyException();
    }

    /** A query for an unknown SLI returns an {@link IndicatorValue} (usually a failed one) and never throws. */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    public void fetch_unknownQuery_returnsAValueInsteadOfThrowing() {
        MetricSource source = createValid();
        try {
            @Nullable IndicatorValue[] value = new IndicatorValue[1];
            assertThatCode(() -> value[0] = source.fetch(unknownQuery()))
                    .as("fetch(%s) must report problems as a failed value, not throw", unknownQuery().indicator())
                    .doesNotThrowAnyException();
            assertThat(value[0]).as("the value fetched for an unknown query").isNotNull();
        } finally {
            source.close();
        }
    }
}
