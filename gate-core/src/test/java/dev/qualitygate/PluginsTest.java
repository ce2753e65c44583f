package dev.qualitygate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.error.ProviderException;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeployerProvider;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.Provider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.TesterProvider;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginsTest {

    @TempDir
    Path dir;

    @Test
    void discover_testServicesFile_findsFakeProvider() {
        Plugins plugins = Plugins.discover();

        assertThat(plugins.ids(MetricSourceProvider.class)).contains("fake");
        assertThat(plugins.metricSource("fake")).isInstanceOf(FakeMetricSourceProvider.class);
        assertThat(plugins.problems()).isEmpty();
    }

    @Test
    void discover_brokenProvider_isSkippedAndListedWithItsClassName() throws Exception {
        try (URLClassLoader loader = ServiceFiles.loaderWith(dir, MetricSourceProvider.class,
                BrokenMetricSourceProvider.class.getName())) {
            Plugins plugins = Plugins.discover(loader);

            assertThat(plugins.problems()).singleElement().asString()
                    .contains("metric source provider could not be loaded")
                    .contains(BrokenMetricSourceProvider.class.getName());
            assertThat(plugins.ids(MetricSourceProvider.class)).containsExactly("fake");
            assertThat(plugins.metricSource("fake")).isInstanceOf(FakeMetricSourceProvider.class);
        }
    }

    @Test
    void discover_providerClassThatDoesNotExist_isSkippedAndListed() throws Exception {
        try (URLClassLoader loader = ServiceFiles.loaderWith(dir, MetricSourceProvider.class,
                "dev.qualitygate.NoSuchProvider", BrokenMetricSourceProvider.class.getName())) {
            Plugins plugins = Plugins.discover(loader);

            assertThat(plugins.problems()).hasSize(2);
            assertThat(plugins.problems()).anySatisfy(p -> assertThat(p).contains("dev.qualitygate.NoSuchProvider"));
            assertThat(plugins.problems())
                    .anySatisfy(p -> assertThat(p).contains(BrokenMetricSourceProvider.class.getName()));
            assertThat(plugins.ids(MetricSourceProvider.class)).containsExactly("fake");
        }
    }

    @Test
    void discover_providerWithMalformedId_isSkippedAndListed() throws Exception {
        try (URLClassLoader loader = ServiceFiles.loaderWith(dir, MetricSourceProvider.class,
                BadIdMetricSourceProvider.class.getName())) {
            Plugins plugins = Plugins.discover(loader);

            assertThat(plugins.problems()).singleElement().asString()
                    .contains(BadIdMetricSourceProvider.class.getName())
                    .contains("'Bad_Id'")
                    .contains("[a-z][a-z0-9-]*")
                    .endsWith("; it is skipped");
            assertThat(plugins.ids(MetricSourceProvider.class)).containsExactly("fake");
        }
    }

    @Test
    void metricSource_duplicateIdInSecondClassLoader_throwsNamingBothClasses() throws Exception {
        try (URLClassLoader loader = ServiceFiles.loaderWith(dir, MetricSourceProvider.class,
                DuplicateFakeMetricSourceProvider.class.getName())) {
            Plugins plugins = Plugins.discover(loader);

            assertThat(plugins.problems()).isEmpty();
            assertThat(plugins.ids(MetricSourceProvider.class)).containsExactly("fake");
            assertThatThrownBy(() -> plugins.metricSource("fake"))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("Two metric source providers have the id 'fake'")
                    .hasMessageContaining(FakeMetricSourceProvider.class.getName())
                    .hasMessageContaining(DuplicateFakeMetricSourceProvider.class.getName());
        }
    }

    @Test
    void discover_sameClassListedTwice_isNotADuplicate() throws Exception {
        try (URLClassLoader loader = ServiceFiles.loaderWith(dir, MetricSourceProvider.class,
                FakeMetricSourceProvider.class.getName())) {
            Plugins plugins = Plugins.discover(loader);

            assertThat(plugins.metricSource("fake")).isInstanceOf(FakeMetricSourceProvider.class);
        }
    }

    @Test
    void with_twoClassesWithOneId_lookupThrowsNamingBoth() {
        Plugins plugins = Plugins.none().with(new FakeMetricSourceProvider())
                .with(new DuplicateFakeMetricSourceProvider());

        assertThatThrownBy(() -> plugins.metricSource("fake"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining(FakeMetricSourceProvider.class.getName())
                .hasMessageContaining(DuplicateFakeMetricSourceProvider.class.getName())
                .hasMessageContaining("Remove one of them");
    }

    @Test
    void metricSource_unknownId_listsAvailableIds() {
        assertThatThrownBy(() -> Plugins.discover().metricSource("nope"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("Unknown metric source 'nope'")
                .hasMessageContaining("Available: [fake]")
                .hasMessageNotContaining("Add dev.qualitygate");
    }

    @Test
    void metricSource_unknownPrometheus_namesTheArtifactToAdd() {
        assertThatThrownBy(() -> Plugins.discover().metricSource("prometheus"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("Unknown metric source 'prometheus'")
                .hasMessageContaining("Available: [fake]")
                .hasMessageContaining("Add dev.qualitygate:gate-prometheus to the class path");
    }

    @Test
    void deployer_unknownKubernetes_namesTheArtifactToAdd() {
        assertThatThrownBy(() -> Plugins.none().deployer("kubernetes"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("Unknown deployer 'kubernetes'")
                .hasMessageContaining("Available: []")
                .hasMessageContaining("dev.qualitygate:gate-kubernetes");
    }

    @Test
    void tester_unknownJmeter_namesTheArtifactToAdd() {
        assertThatThrownBy(() -> Plugins.none().tester("jmeter"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("Unknown tester 'jmeter'")
                .hasMessageContaining("dev.qualitygate:gate-jmeter");
    }

    @Test
    void none_hasNoProvidersOfAnyKind() {
        Plugins none = Plugins.none();

        assertThat(none.ids(MetricSourceProvider.class)).isEmpty();
        assertThat(none.ids(DeployerProvider.class)).isEmpty();
        assertThat(none.ids(TesterProvider.class)).isEmpty();
        assertThat(none.problems()).isEmpty();
    }

    @Test
    void with_addsProviderByHandWithoutDiscovery() {
        FakeMetricSourceProvider provider = new FakeMetricSourceProvider();

        Plugins plugins = Plugins.none().with(provider);

        assertThat(plugins.metricSource("fake")).isSameAs(provider);
        assertThat(plugins.ids(MetricSourceProvider.class)).containsExactly("fake");
    }

    @Test
    void with_leavesTheOriginalUnchanged() {
        Plugins none = Plugins.none();

        none.with(new FakeMetricSourceProvider());

        assertThat(none.ids(MetricSourceProvider.class)).isEmpty();
    }

    @Test
    void with_deployerProvider_isFoundUnderItsKindOnly() {
        Plugins plugins = Plugins.none().with(new NamedDeployerProvider("direct-fake"));

        assertThat(plugins.deployer("direct-fake").id()).isEqualTo("direct-fake");
        assertThat(plugins.ids(DeployerProvider.class)).containsExactly("direct-fake");
        assertThat(plugins.ids(MetricSourceProvider.class)).isEmpty();
        assertThatThrownBy(() -> plugins.metricSource("direct-fake")).isInstanceOf(ProviderException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fake", "1fake", "fake_source", "fake source", "", "-fake"})
    void with_malformedId_isRefused(String id) {
        assertThatThrownBy(() -> Plugins.none().with(new NamedDeployerProvider(id)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + id + "'")
                .hasMessageContaining("[a-z][a-z0-9-]*")
                .hasMessageNotContaining("skipped");
    }

    @Test
    void with_providerWhoseIdThrows_isRefusedWithTheCause() {
        DeployerProvider failing = new NamedDeployerProvider("x") {
            @Override
            public String id() {
                throw new IllegalStateException("no id today");
            }
        };

        assertThatThrownBy(() -> Plugins.none().with(failing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failed to tell its id")
                .hasMessageContaining("no id today");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "fake", "gate-2", "prometheus-v2"})
    void with_wellFormedId_isAccepted(String id) {
        assertThat(Plugins.none().with(new NamedDeployerProvider(id)).ids(DeployerProvider.class))
                .containsExactly(id);
    }

    @Test
    void with_providerOfNoKnownKind_isRefused() {
        Provider<MetricSource> plain = new Provider<>() {
            @Override
            public String id() {
                return "plain";
            }

            @Override
            public MetricSource create(ProviderConfig config, ProviderContext context) {
                return FakeMetricSource.of(Map.of());
            }
        };

        assertThatThrownBy(() -> Plugins.none().with(plain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("implements none of");
    }

    @Test
    void toString_listsIdsPerKind() {
        assertThat(Plugins.none().with(new FakeMetricSourceProvider()).toString())
                .contains("metric source=[fake]")
                .contains("deployer=[]");
    }

    /** A deployer provider with any id, for id validation. */
    static class NamedDeployerProvider implements DeployerProvider {
        private final String id;

        NamedDeployerProvider(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Deployer create(ProviderConfig config, ProviderContext context) {
            throw new UnsupportedOperationException();
        }
    }
}
