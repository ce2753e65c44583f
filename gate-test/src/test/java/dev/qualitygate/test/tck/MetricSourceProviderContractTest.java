package dev.qualitygate.test.tck;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Each contract check fails for a provider that breaks its rule, and says why. */
class MetricSourceProviderContractTest {
    private static final Map<String, ?> SETTINGS = Map.of("token", "tck-secret-token");

    private static MetricSourceProviderContract contract(MetricSourceProvider provider, boolean required,
            Set<String> secrets) {
        return new MetricSourceProviderContract() {
            @Override
            protected MetricSourceProvider provider() {
                return provider;
            }

            @Override
            protected Map<String, ?> validSettings() {
                return SETTINGS;
            }

            @Override
            protected boolean hasRequiredSettings() {
                return required;
            }

            @Override
            protected Set<String> secretSettingValues() {
                return secrets;
            }
        };
    }

    private static MetricSourceProviderContract contract(ScriptedMetricSourceProvider provider) {
        return contract(provider, true, Set.of("tck-secret-token"));
    }

    @Test
    void wellBehavedScriptedProvider_passesTheChecksThatDoNotNeedDiscovery() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("tck-scripted"));

        assertThatCode(() -> {
            c.id_isWellFormed();
            c.create_withValidSettings_returnsASource();
            c.create_withEmptySettings_throwsGateConfigExceptionWhenSettingsAreRequired();
            c.toString_ofCreatedSource_hidesSecretValues();
            c.toString_ofProviderConfig_hidesSecretValues();
            c.close_isIdempotent();
            c.fetch_unknownQuery_returnsAValueInsteadOfThrowing();
        }).doesNotThrowAnyException();
    }

    @Test
    void serviceLoader_unregisteredProvider_fails() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("tck-scripted"));

        assertThatThrownBy(c::serviceLoader_findsTheProvider)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("META-INF/services/dev.qualitygate.spi.MetricSourceProvider")
                .hasMessageContaining(ScriptedMetricSourceProvider.class.getName())
                .hasMessageContaining("tck-scripted");
    }

    @Test
    void serviceLoader_anotherClassDiscoveredUnderTheId_fails() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("tck-token"));

        assertThatThrownBy(c::serviceLoader_findsTheProvider)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the class discovered under the id 'tck-token'")
                .hasMessageContaining(TokenMetricSourceProvider.class.getName());
    }

    @Test
    void id_malformed_fails() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("Tck_Scripted"));

        assertThatThrownBy(c::id_isWellFormed)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Tck_Scripted")
                .hasMessageContaining("[a-z][a-z0-9-]*");
    }

    @Test
    void providerClass_withoutNoArgConstructor_fails() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("tck-scripted"));

        assertThatThrownBy(c::providerClass_hasPublicNoArgConstructor)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("has a public no-argument constructor");
    }

    @Test
    void providerClass_notPublic_fails() {
        MetricSourceProvider hidden = new MetricSourceProvider() {
            @Override
            public String id() {
                return "tck-hidden";
            }

            @Override
            public MetricSource create(ProviderConfig config, ProviderContext context) {
                return query -> IndicatorValue.of(1);
            }
        };

        assertThatThrownBy(contract(hidden, false, Set.of())::providerClass_hasPublicNoArgConstructor)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("is public");
    }

    @Test
    void providerClass_publicWithNoArgConstructor_passes() {
        assertThatCode(contract(new TokenMetricSourceProvider(), true, Set.of())
                ::providerClass_hasPublicNoArgConstructor).doesNotThrowAnyException();
    }

    @Test
    void emptySettings_acceptedThoughRequired_fails() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("tck-scripted").lenient());

        assertThatThrownBy(c::create_withEmptySettings_throwsGateConfigExceptionWhenSettingsAreRequired)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("override hasRequiredSettings()");
    }

    @Test
    void emptySettings_refusedThoughNothingIsRequired_fails() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("tck-scripted"), false, Set.of());

        assertThatThrownBy(c::create_withEmptySettings_throwsGateConfigExceptionWhenSettingsAreRequired)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("hasRequiredSettings() is false");
    }

    @Test
    void emptySettings_problemNamingNoSetting_fails() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("tck-scripted").unnamedProblem());

        assertThatThrownBy(c::create_withEmptySettings_throwsGateConfigExceptionWhenSettingsAreRequired)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the problems name a missing setting, one of [token]");
    }

    @Test
    void toString_showingTheSecret_fails() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("tck-scripted").leakToString());

        assertThatThrownBy(c::toString_ofCreatedSource_hidesSecretValues)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("toString() of the created source");
    }

    @Test
    void toString_withoutDeclaredSecrets_isSkippedNotPassed() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("tck-scripted").leakToString(),
                true, Set.of());

        assertThatThrownBy(c::toString_ofCreatedSource_hidesSecretValues).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(c::toString_ofProviderConfig_hidesSecretValues).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void close_throwingTheSecondTime_fails() {
        MetricSourceProviderContract c = contract(
                new ScriptedMetricSourceProvider("tck-scripted").secondCloseThrows());

        assertThatThrownBy(c::close_isIdempotent)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("closing a source that fetched, twice")
                .hasMessageContaining("already closed");
    }

    @Test
    void fetch_throwingForAnUnknownQuery_fails() {
        MetricSourceProviderContract c = contract(new ScriptedMetricSourceProvider("tck-scripted").fetchThrows());

        assertThatThrownBy(c::fetch_unknownQuery_returnsAValueInsteadOfThrowing)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("must report problems as a failed value, not throw")
                .hasMessageContaining("unknown metric qualitygate_tck_unknown_query{service=\"tck\"}");
    }

    @Test
    void fetch_returningNull_fails() {
        MetricSourceProviderContract c = contract(
                new ScriptedMetricSourceProvider("tck-scripted").fetchReturnsNull());

        assertThatThrownBy(c::fetch_unknownQuery_returnsAValueInsteadOfThrowing)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the value fetched for an unknown query");
    }
}
