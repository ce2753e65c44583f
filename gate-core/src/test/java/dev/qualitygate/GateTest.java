package dev.qualitygate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.error.ProviderException;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.SliConfig;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.yaml.GateYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GateTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final TimeWindow WINDOW = new TimeWindow(START, START.plusSeconds(300));
    private static final Instant NOW = START.plusSeconds(360);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final EvaluationContext CARTS = EvaluationContext.of("sockshop", "staging", "carts");
    private static final Plugins FAKE = Plugins.none().with(new FakeMetricSourceProvider());

    private static final String SLO = String.join("\n",
            "spec_version: '1.0'",
            "filter:",
            "  handler: \"'ItemsController'\"",
            "comparison:",
            "  compare_with: single_result",
            "  include_result_with_score: all",
            "  number_of_comparison_results: 1",
            "  aggregate_function: avg",
            "objectives:",
            "  - sli: response_time_p95",
            "    pass:",
            "      - criteria: ['<=+10%', '<600']",
            "    warning:",
            "      - criteria: ['<=800']",
            "  - sli: error_rate",
            "    key_sli: true",
            "    pass:",
            "      - criteria: ['<5']",
            "  - sli: throughput",
            "total_score:",
            "  pass: '90%'",
            "  warning: '75%'",
            "");

    private static final SliConfig QUERIES = new SliConfig("1.0", Map.of(
            "response_time_p95", "p95{job=\"$SERVICE-$PROJECT-$STAGE-$DEPLOYMENT\",handler=\"$handler\"}"
                    + "[$DURATION_SECONDS]",
            "error_rate", "errors{build=\"$LABEL.buildId\",h=\"$HANDLER\"}",
            "throughput", "rate(requests[$DURATION_SECONDS])"), null);

    private static Slo slo() {
        return GateYaml.readSlo(SLO, "slo.yaml");
    }

    private static String tag() {
        return UUID.randomUUID().toString();
    }

    private static Map<String, Object> settings(String tag, Map<String, ?> values) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("tag", tag);
        s.put("values", values);
        return s;
    }

    private static Map<String, Object> good(String tag) {
        return settings(tag, Map.of("response_time_p95", 400, "error_rate", 1.5, "throughput", 120));
    }

    private static FakeMetricSource createdSource(String tag) {
        assertThat(FakeMetricSourceProvider.created(tag)).as("sources created with tag %s", tag).hasSize(1);
        return FakeMetricSourceProvider.created(tag).get(0);
    }

    private static Gate.Builder gate(String tag) {
        return Gate.builder().slo(slo()).sli(QUERIES, "fake").source("fake", good(tag)).plugins(FAKE).clock(CLOCK);
    }

    @Nested
    class Evaluate {

        @Test
        void evaluate_fetchesEverySliOfTheSloFromTheCreatedSource() {
            String tag = tag();
            try (Gate g = gate(tag).build()) {
                EvaluationResult result = g.evaluate(CARTS, WINDOW);

                FakeMetricSource source = createdSource(tag);
                assertThat(source.queries()).extracting(IndicatorQuery::indicator)
                        .containsExactlyInAnyOrder("response_time_p95", "error_rate", "throughput");
                assertThat(result.indicatorResults()).extracting(IndicatorResult::sli)
                        .containsExactly("response_time_p95", "error_rate", "throughput");
                assertThat(result.objective("response_time_p95").orElseThrow().value()).isEqualTo(400);
                assertThat(result.result()).isEqualTo(Verdict.PASS);
                assertThat(result.score()).isEqualTo(100);
            }
        }

        @Test
        void evaluate_labelsTheResultWithIdContextWindowAndTime() {
            try (Gate g = gate(tag()).build()) {
                EvaluationResult result = g.evaluate(CARTS.withLabel("buildId", "42"), WINDOW);

                assertThat(result.id()).isNotBlank();
                assertThat(result.project()).isEqualTo("sockshop");
                assertThat(result.stage()).isEqualTo("staging");
                assertThat(result.service()).isEqualTo("carts");
                assertThat(result.labels()).containsExactly(Map.entry("buildId", "42"));
                assertThat(result.timeframe()).isEqualTo(WINDOW);
                assertThat(result.time()).isEqualTo(NOW);
            }
        }

        @Test
        void evaluate_fillsPlaceholdersOfTheQueriesTheSourceReceives() {
            String tag = tag();
            EvaluationContext ctx = CARTS.withDeployment("canary").withLabel("buildId", "42");
            try (Gate g = gate(tag).build()) {
                g.evaluate(ctx, WINDOW);
            }

            FakeMetricSource source = createdSource(tag);
            IndicatorQuery rt = source.query("response_time_p95");
            assertThat(rt.query()).isEqualTo("p95{job=\"carts-sockshop-staging-canary\",handler=\"ItemsController\"}"
                    + "[300s]");
            assertThat(rt.template()).isEqualTo(QUERIES.indicators().get("response_time_p95"));
            assertThat(rt.window()).isEqualTo(WINDOW);
            assertThat(rt.context()).isEqualTo(ctx);
            assertThat(rt.filters()).containsExactly(Map.entry("handler", "'ItemsController'"));
            assertThat(source.query("error_rate").query()).isEqualTo("errors{build=\"42\",h=\"ItemsController\"}");
            assertThat(source.query("throughput").query()).isEqualTo("rate(requests[300s])");
        }

        @Test
        void evaluate_storesTheResultInTheStore() {
            EvaluationStore store = EvaluationStore.inMemory();
            try (Gate g = gate(tag()).store(store).build()) {
                EvaluationResult result = g.evaluate(CARTS, WINDOW);

                assertThat(store.recent(HistoryKey.of(CARTS), ResultFilter.ALL, 10)).containsExactly(result);
            }
        }

        @Test
        void evaluate_secondEvaluation_comparesWithTheFirst() {
            String first = tag();
            String second = tag();
            EvaluationStore store = EvaluationStore.inMemory();
            EvaluationResult one;
            try (Gate g = gate(first).store(store).build()) {
                one = g.evaluate(CARTS, WINDOW);
            }
            EvaluationResult two;
            try (Gate g = Gate.builder().slo(slo()).sli(QUERIES, "fake").plugins(FAKE).store(store).clock(CLOCK)
                    .source("fake", settings(second, Map.of("response_time_p95", 460, "error_rate", 1,
                            "throughput", 100)))
                    .build()) {
                two = g.evaluate(CARTS, WINDOW);
            }

            assertThat(one.comparedEvents()).isEmpty();
            assertThat(two.comparedEvents()).containsExactly(one.id());
            assertThat(two.id()).isNotEqualTo(one.id());
            IndicatorResult rt = two.objective("response_time_p95").orElseThrow();
            assertThat(rt.comparedValue()).isEqualTo(400);
            assertThat(rt.passTargets().get(0).targetValue()).isCloseTo(440, within(1e-9));
            assertThat(rt.status()).isEqualTo(ObjectiveStatus.WARNING);
        }

        @Test
        void evaluate_otherService_doesNotCompareWithThisServicesHistory() {
            EvaluationStore store = EvaluationStore.inMemory();
            try (Gate g = gate(tag()).store(store).build()) {
                g.evaluate(CARTS, WINDOW);
                EvaluationResult other = g.evaluate(EvaluationContext.of("sockshop", "staging", "orders"), WINDOW);

                assertThat(other.comparedEvents()).isEmpty();
            }
        }

        @Test
        void evaluate_sloFromFile_carriesTheFileBase64Encoded(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("slo.yaml");
            Files.writeString(file, SLO);
            try (Gate g = Gate.builder().slo(file).sli(QUERIES, "fake").source("fake", good(tag())).plugins(FAKE)
                    .build()) {
                EvaluationResult result = g.evaluate(CARTS, WINDOW);

                assertThat(new String(Base64.getDecoder().decode(result.sloFileContent()), StandardCharsets.UTF_8))
                        .isEqualTo(SLO);
            }
        }

        @Test
        void evaluate_sliWithNoQueryInAnySliFile_isAFailedValueWithItsReason() {
            SliConfig partial = new SliConfig("1.0", Map.of("response_time_p95", "q1", "throughput", "q3"), null);
            try (Gate g = Gate.builder().slo(slo()).sli(partial, "fake").source("fake", good(tag())).plugins(FAKE)
                    .build()) {
                EvaluationResult result = g.evaluate(CARTS, WINDOW);

                IndicatorResult errorRate = result.objective("error_rate").orElseThrow();
                assertThat(errorRate.success()).isFalse();
                assertThat(errorRate.status()).isEqualTo(ObjectiveStatus.FAIL);
                assertThat(errorRate.message())
                        .isEqualTo("no query for SLI 'error_rate': it is in none of the SLI files");
                assertThat(result.result()).isEqualTo(Verdict.FAIL);
                assertThat(result.keySliFailure()).isNotNull();
            }
        }

        /** A source that answers every query with its length and records the queries, with built-in queries. */
        private static final class BuiltInSource implements MetricSource {
            final java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
            private final Map<String, String> builtIns;

            BuiltInSource(Map<String, String> builtIns) {
                this.builtIns = builtIns;
            }

            @Override
            public IndicatorValue fetch(IndicatorQuery query) {
                asked.add(query.indicator() + ": " + query.query());
                return IndicatorValue.of(query.query().length());
            }

            @Override
            public String builtInQuery(String indicator, EvaluationContext context, Map<String, String> filters) {
                String template = builtIns.get(indicator);
                return template == null ? null : template + " of " + context.service() + " where "
                        + filters.keySet();
            }
        }

        @Test
        void evaluate_sliInNoSliFile_isFetchedWithTheBuiltInQueryOfTheOnlySourceFilledLikeAFilesQuery() {
            SliConfig partial = new SliConfig("1.0", Map.of("response_time_p95", "q1", "throughput", "q3"), null);
            BuiltInSource source = new BuiltInSource(Map.of("error_rate", "errors[$DURATION_SECONDS]",
                    "throughput", "never asked: the file has a query"));
            try (Gate g = Gate.builder().slo(slo()).sli(partial, "prom").source("prom", source).build()) {
                EvaluationResult result = g.evaluate(CARTS, WINDOW);

                assertThat(source.asked).containsExactlyInAnyOrder("response_time_p95: q1", "throughput: q3",
                        "error_rate: errors[300s] of carts where [handler]");
                assertThat(result.valueOf("error_rate")).contains((double) "errors[300s] of carts where [handler]"
                        .length());
            }
        }

        @Test
        void evaluate_builtInOfOneOfTwoSources_isUsed() {
            BuiltInSource none = new BuiltInSource(Map.of());
            BuiltInSource some = new BuiltInSource(Map.of("error_rate", "e"));
            SliConfig partial = new SliConfig("1.0", Map.of("response_time_p95", "q1", "throughput", "q3"), null);
            try (Gate g = Gate.builder().slo(slo()).sli(partial, "a").source("a", none).source("b", some).build()) {
                g.evaluate(CARTS, WINDOW);

                assertThat(some.asked).containsExactly("error_rate: e of carts where [handler]");
                assertThat(none.asked).containsExactlyInAnyOrder("response_time_p95: q1", "throughput: q3");
            }
        }

        @Test
        void evaluate_builtInsOfTwoSources_failsTheSliNamingBoth() {
            SliConfig partial = new SliConfig("1.0", Map.of("response_time_p95", "q1", "throughput", "q3"), null);
            try (Gate g = Gate.builder().slo(slo()).sli(partial, "a")
                    .source("a", new BuiltInSource(Map.of("error_rate", "e1")))
                    .source("b", new BuiltInSource(Map.of("error_rate", "e2"))).build()) {
                EvaluationResult result = g.evaluate(CARTS, WINDOW);

                assertThat(result.objective("error_rate").orElseThrow().message()).isEqualTo("no query for SLI"
                        + " 'error_rate': it is in none of the SLI files, and metric sources a, b all have a built-in"
                        + " query for it; put the query into an SLI file of the one to ask");
            }
        }

        @Test
        void evaluate_sourceThatThrows_isAFailedValueWithTheExceptionsMessage() {
            Map<String, Object> s = good(tag());
            s.put("failures", Map.of("error_rate", "HTTP 503 from upstream"));
            try (Gate g = Gate.builder().slo(slo()).sli(QUERIES, "fake").source("fake", s).plugins(FAKE).build()) {
                EvaluationResult result = g.evaluate(CARTS, WINDOW);

                IndicatorResult errorRate = result.objective("error_rate").orElseThrow();
                assertThat(errorRate.success()).isFalse();
                assertThat(errorRate.message())
                        .isEqualTo("metric source 'fake' failed for SLI 'error_rate': HTTP 503 from upstream");
                assertThat(result.objective("response_time_p95").orElseThrow().success()).isTrue();
            }
        }

        @Test
        void evaluate_sourceReturningNull_isAFailedValue() {
            MetricSource nothing = q -> null;
            try (Gate g = Gate.builder().slo(slo()).sli(QUERIES, "mine").source("mine", nothing).build()) {
                IndicatorValues values = g.fetch(CARTS, WINDOW);

                assertThat(values.values().get("throughput")).isEqualTo(
                        IndicatorValue.failed("metric source 'mine' returned nothing for SLI 'throughput'"));
            }
        }

        @Test
        void evaluate_testRun_fetchesFromTheSourcesBoundToItAndClosesThem() {
            java.util.List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();
            TestRunResult run = new TestRunResult(Verdict.PASS, WINDOW, 100, 2, java.util.List.of(),
                    Path.of("/runs/42.jtl"), "100 samples");
            MetricSource unbound = new MetricSource() {
                @Override
                public IndicatorValue fetch(IndicatorQuery query) {
                    return IndicatorValue.failed("unbound");
                }

                @Override
                public MetricSource measuring(TestRunResult r) {
                    return new MetricSource() {
                        @Override
                        public IndicatorValue fetch(IndicatorQuery query) {
                            return IndicatorValue.of(query.indicator().equals("error_rate")
                                    ? r.failedSamples() : r.samples());
                        }

                        @Override
                        public void close() {
                            closed.add(String.valueOf(r.resultsFile()));
                        }
                    };
                }
            };
            try (Gate g = Gate.builder().slo(slo()).sli(QUERIES, "jtl").source("jtl", unbound).build()) {
                EvaluationResult bound = g.evaluate(CARTS, WINDOW, run);
                EvaluationResult plain = g.evaluate(CARTS, WINDOW);

                assertThat(bound.valueOf("error_rate")).contains(2.0);
                assertThat(bound.timeframe()).isEqualTo(WINDOW);
                assertThat(closed).containsExactly("/runs/42.jtl");
                assertThat(plain.objective("error_rate").orElseThrow().message()).isEqualTo("unbound");
            }
        }

        @Test
        void evaluate_testRunWithSourcesThatBindNothing_usesThemAsTheyAre() {
            TestRunResult run = new TestRunResult(Verdict.PASS, WINDOW, 1, 0, java.util.List.of(), null, "");
            try (Gate g = gate(tag()).build()) {
                assertThat(g.evaluate(CARTS, WINDOW, run).result()).isEqualTo(g.evaluate(CARTS, WINDOW).result());
            }
        }

        @Test
        void score_valuesYouAlreadyHave_areScoredAndStored() {
            EvaluationStore store = EvaluationStore.inMemory();
            try (Gate g = gate(tag()).store(store).build()) {
                EvaluationResult result = g.score(CARTS, null, IndicatorValues.builder()
                        .put("response_time_p95", 900).put("error_rate", 0).put("throughput", 1).build());

                assertThat(result.result()).isEqualTo(Verdict.FAIL);
                assertThat(result.timeframe()).isNull();
                assertThat(store.recent(HistoryKey.of(CARTS), ResultFilter.ALL, 1)).containsExactly(result);
            }
        }
    }

    @Nested
    class Fetching {

        @Test
        void fetch_twoObjectivesOnOneSli_fetchItOnce() {
            Slo twice = Slo.builder()
                    .objective(Objective.builder("rt").pass("<600").build())
                    .objective(Objective.builder("rt").pass("<300").build())
                    .build();
            FakeMetricSource source = FakeMetricSource.of(Map.of("rt", 400.0));
            try (Gate g = Gate.builder().slo(twice).sli(new SliConfig("1.0", Map.of("rt", "q"), null), "s")
                    .source("s", source).build()) {
                IndicatorValues values = g.fetch(CARTS, WINDOW);

                assertThat(values.values()).containsExactly(Map.entry("rt", IndicatorValue.of(400)));
                assertThat(source.queries()).hasSize(1);
            }
        }

        @Test
        void fetch_valuesComeInSloOrder() {
            try (Gate g = gate(tag()).build()) {
                assertThat(g.fetch(CARTS, WINDOW).values().keySet())
                        .containsExactly("response_time_p95", "error_rate", "throughput");
            }
        }

        @Test
        @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void evaluate_sourceSlowerThanFetchTimeout_failsTheSliAndReturnsAfterAboutTheTimeout() throws Exception {
            String tag = tag();
            Map<String, Object> s = good(tag);
            s.put("delays", Map.of("error_rate", "60s"));
            try (Gate g = Gate.builder().slo(slo()).sli(QUERIES, "fake").source("fake", s).plugins(FAKE)
                    .fetchTimeout(Duration.ofMillis(300)).build()) {
                long t0 = System.nanoTime();
                EvaluationResult result = g.evaluate(CARTS, WINDOW);
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

                assertThat(elapsedMillis).as("evaluate must return soon after the 300 ms fetch timeout")
                        .isGreaterThanOrEqualTo(250).isLessThan(5_000);
                IndicatorResult errorRate = result.objective("error_rate").orElseThrow();
                assertThat(errorRate.success()).isFalse();
                assertThat(errorRate.message()).isEqualTo(
                        "no answer from metric source 'fake' within 300 ms for SLI 'error_rate'");
                assertThat(result.objective("response_time_p95").orElseThrow().success()).isTrue();
                assertThat(result.result()).isEqualTo(Verdict.FAIL);

                FakeMetricSource source = createdSource(tag);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (source.interruptCount() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(source.interruptCount()).as("the abandoned fetch is interrupted").isEqualTo(1);
            }
        }

        @Test
        @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void evaluate_twentySlisOf100msEach_areFetchedConcurrently() {
            Slo.Builder slo = Slo.builder();
            Map<String, String> queries = new LinkedHashMap<>();
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Object> delays = new LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                String sli = "sli_" + i;
                slo.objective(Objective.builder(sli).pass("<100").build());
                queries.put(sli, "query " + i);
                values.put(sli, i);
                delays.put(sli, "100ms");
            }
            String tag = tag();
            Map<String, Object> s = settings(tag, values);
            s.put("delays", delays);
            try (Gate g = Gate.builder().slo(slo.build()).sli(new SliConfig("1.0", queries, null), "fake")
                    .source("fake", s).plugins(FAKE).maxConcurrentFetches(20).fetchTimeout(Duration.ofSeconds(20))
                    .build()) {
                long t0 = System.nanoTime();
                EvaluationResult result = g.evaluate(CARTS, WINDOW);
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

                assertThat(result.indicatorResults()).hasSize(20).allMatch(IndicatorResult::success);
                assertThat(result.result()).isEqualTo(Verdict.PASS);
                assertThat(elapsedMillis).as("20 x 100 ms fetched concurrently (sequential would take 2 s)")
                        .isLessThan(1_500);
                assertThat(createdSource(tag).maxInFlight()).isGreaterThan(1);
            }
        }

        @Test
        @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void fetch_byDefault_fetchesTwentySlisAtOnce() {
            Slo.Builder slo = Slo.builder();
            Map<String, String> queries = new LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                slo.objective(Objective.builder("sli_" + i).pass("<100").build());
                queries.put("sli_" + i, "query " + i);
            }
            CyclicBarrier allInFlight = new CyclicBarrier(20);
            MetricSource source = query -> {
                try {
                    allInFlight.await(10, TimeUnit.SECONDS);
                    return IndicatorValue.of(1);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    return IndicatorValue.failed("not all 20 fetches were in flight at once: " + e);
                }
            };
            try (Gate g = Gate.builder().slo(slo.build()).sli(new SliConfig("1.0", queries, null), "s")
                    .source("s", source).build()) {
                IndicatorValues fetched = g.fetch(CARTS, WINDOW);

                assertThat(fetched.values()).hasSize(20).allSatisfy((k, v) -> assertThat(v)
                        .isEqualTo(IndicatorValue.of(1)));
            }
        }

        @Test
        @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void fetch_maxConcurrentFetches_boundsTheFetchesInFlight() {
            Slo.Builder slo = Slo.builder();
            Map<String, String> queries = new LinkedHashMap<>();
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, Duration> delays = new LinkedHashMap<>();
            for (int i = 0; i < 12; i++) {
                String sli = "sli_" + i;
                slo.objective(Objective.builder(sli).pass("<100").build());
                queries.put(sli, "query " + i);
                values.put(sli, 1.0);
                delays.put(sli, Duration.ofMillis(40));
            }
            FakeMetricSource source = new FakeMetricSource(values, delays, Map.of(), "bounded");
            try (Gate g = Gate.builder().slo(slo.build()).sli(new SliConfig("1.0", queries, null), "s")
                    .source("s", source).maxConcurrentFetches(3).build()) {
                IndicatorValues fetched = g.fetch(CARTS, WINDOW);

                assertThat(fetched.values()).hasSize(12).allSatisfy((k, v) -> assertThat(v)
                        .isEqualTo(IndicatorValue.of(1)));
                assertThat(source.maxInFlight()).isBetween(1, 3);
            }
        }

        @Test
        void builder_refusesNonPositiveLimits() {
            assertThatThrownBy(() -> Gate.builder().fetchTimeout(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fetchTimeout");
            assertThatThrownBy(() -> Gate.builder().maxConcurrentFetches(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConcurrentFetches");
        }
    }

    @Nested
    class SourceResolution {
        @TempDir
        Path dir;

        private Path sliFile(String relative, String sourceLine) throws Exception {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "spec_version: '1.0'\n" + sourceLine
                    + "indicators:\n  response_time_p95: q1\n  error_rate: q2\n  throughput: q3\n");
            return file;
        }

        private String answeringSource(Gate.Builder builder, String firstTag, String secondTag) {
            try (Gate g = builder.build()) {
                g.fetch(CARTS, WINDOW);
            }
            boolean first = !FakeMetricSourceProvider.created(firstTag).get(0).queries().isEmpty();
            boolean second = !FakeMetricSourceProvider.created(secondTag).get(0).queries().isEmpty();
            assertThat(first ^ second).as("exactly one source answered").isTrue();
            return first ? "first" : "second";
        }

        private Gate.Builder twoSources(String firstTag, String secondTag) {
            return Gate.builder().slo(slo()).plugins(FAKE)
                    .source("first", "fake", good(firstTag))
                    .source("second", "fake", good(secondTag));
        }

        @Test
        void sliFile_sourceKey_namesTheSource() throws Exception {
            String a = tag();
            String b = tag();
            Path file = sliFile("sli.yaml", "source: second\n");

            assertThat(answeringSource(twoSources(a, b).sli(file), a, b)).isEqualTo("second");
        }

        @Test
        void sliFile_parentDirectoryName_namesTheSource() throws Exception {
            String a = tag();
            String b = tag();
            Path file = sliFile("second/sli.yaml", "");

            assertThat(answeringSource(twoSources(a, b).sli(file), a, b)).isEqualTo("second");
        }

        @Test
        void sliFile_sourceKey_winsOverTheDirectoryName() throws Exception {
            String a = tag();
            String b = tag();
            Path file = sliFile("first/sli.yaml", "source: second\n");

            assertThat(answeringSource(twoSources(a, b).sli(file), a, b)).isEqualTo("second");
        }

        @Test
        void sliFile_explicitSource_winsOverTheSourceKey() throws Exception {
            String a = tag();
            String b = tag();
            Path file = sliFile("sli.yaml", "source: second\n");

            assertThat(answeringSource(twoSources(a, b).sli(file, "first"), a, b)).isEqualTo("first");
        }

        @Test
        void sliFile_withoutHint_isAnsweredByTheOnlyConfiguredSource() throws Exception {
            String tag = tag();
            Path file = sliFile("sli.yaml", "");
            try (Gate g = Gate.builder().slo(slo()).plugins(FAKE).source("only", "fake", good(tag)).sli(file)
                    .build()) {
                assertThat(g.fetch(CARTS, WINDOW).values().values())
                        .allMatch(IndicatorValue.Measured.class::isInstance);
            }

            assertThat(createdSource(tag).queries()).hasSize(3);
        }

        @Test
        void sliFile_withoutHintAmongTwoSources_isALocatedError() throws Exception {
            String a = tag();
            String b = tag();
            Path file = sliFile("sli.yaml", "");

            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> twoSources(a, b).sli(file).build());

            assertThat(e).isNotNull();
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo(file.toString());
                assertThat(p.message()).contains("cannot tell which metric source answers its queries")
                        .contains("source: <name>").contains("[first, second]");
            });
            assertThat(FakeMetricSourceProvider.created(a)).as("nothing is created when the files are wrong")
                    .isEmpty();
        }

        @Test
        void sliFile_sourceKeyNamingAnUnconfiguredSource_isALocatedError() throws Exception {
            Path file = sliFile("sli.yaml", "source: third\n");

            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> twoSources(tag(), tag()).sli(file).build());

            assertThat(e).isNotNull();
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo(file.toString());
                assertThat(p.message()).contains("'third'").contains("not configured").contains("[first, second]");
            });
        }

        @Test
        void sliFile_withNoSourceConfigured_isALocatedError() throws Exception {
            Path file = sliFile("sli.yaml", "");

            assertThatThrownBy(() -> Gate.builder().slo(slo()).plugins(FAKE).sli(file).build())
                    .isInstanceOf(GateConfigException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("no metric source is configured");
        }

        @Test
        void build_queriesTheSourceFindsInvalid_areLocatedErrorsListedTogether() throws Exception {
            String tag = tag();
            Path file = dir.resolve("sli.yaml");
            Files.writeString(file, "indicators:\n  response_time_p95: rt !bad\n  error_rate: 'errors !bad'\n"
                    + "  throughput: q3\n");

            GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> Gate.builder().slo(slo())
                    .plugins(FAKE).source("only", "fake", good(tag)).sli(file).build());

            assertThat(e).isNotNull();
            assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                    file + ":2:25: indicators.response_time_p95: query column 4: '!bad' is not allowed here"
                            + " (was \"rt !bad\")",
                    file + ":3:23: indicators.error_rate: query column 8: '!bad' is not allowed here"
                            + " (was \"errors !bad\")");
            assertThat(createdSource(tag).closeCount()).as("the created source is closed again").isEqualTo(1);
        }

        @Test
        void build_invalidQueryBuiltInCode_isAnErrorNamingTheSliAndColumn() {
            SliConfig queries = new SliConfig("1.0", Map.of("error_rate", "x !bad"), null);

            assertThatThrownBy(() -> Gate.builder().slo(slo()).plugins(FAKE).source("only", "fake", good(tag()))
                    .sli(queries, "only").build())
                    .isInstanceOf(GateConfigException.class)
                    .hasMessage("SLI queries for only: indicators.error_rate: query column 3: '!bad' is not allowed"
                            + " here (was \"x !bad\")");
        }

        @Test
        void sliFiles_laterFileOverridesEarlierOnesSliBySli() throws Exception {
            Path project = sliFile("first/sli.yaml", "");
            Path service = dir.resolve("second/sli.yaml");
            Files.createDirectories(service.getParent());
            Files.writeString(service, "indicators:\n  error_rate: service-level-query\n");
            FakeMetricSource first = FakeMetricSource.of(Map.of());
            FakeMetricSource second = FakeMetricSource.of(Map.of());
            try (Gate g = Gate.builder().slo(slo()).source("first", first).source("second", second)
                    .sli(project).sli(service).build()) {
                g.fetch(CARTS, WINDOW);
            }

            assertThat(first.queries()).extracting(IndicatorQuery::indicator)
                    .containsExactlyInAnyOrder("response_time_p95", "throughput");
            assertThat(second.queries()).singleElement().satisfies(q -> {
                assertThat(q.indicator()).isEqualTo("error_rate");
                assertThat(q.query()).isEqualTo("service-level-query");
            });
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void close_closesTheSourcesTheGateCreatedButNotInstancesPassedIn() {
            String tag = tag();
            FakeMetricSource mine = FakeMetricSource.of(Map.of());
            Gate g = Gate.builder().slo(slo()).plugins(FAKE)
                    .source("created", "fake", good(tag))
                    .source("mine", mine)
                    .sli(QUERIES, "created")
                    .build();
            FakeMetricSource created = createdSource(tag);
            assertThat(created.closeCount()).isZero();

            g.close();

            assertThat(created.closeCount()).isEqualTo(1);
            assertThat(mine.closeCount()).isZero();
        }

        @Test
        void build_invalidSettingsOfASecondSource_closesTheFirstAndThrows() {
            String tag = tag();
            Map<String, Object> bad = new LinkedHashMap<>();
            bad.put("valuez", Map.of());

            GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> Gate.builder().slo(slo())
                    .plugins(FAKE).source("ok", "fake", good(tag)).source("bad", "fake", bad)
                    .sli(QUERIES, "ok").build());

            assertThat(e).isNotNull();
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo("metric source bad");
                assertThat(p.path()).isEqualTo("valuez");
            });
            assertThat(createdSource(tag).closeCount()).isEqualTo(1);
        }

        @Test
        void build_unknownProvider_throwsProviderExceptionWithTheArtifactHint() {
            assertThatThrownBy(() -> Gate.builder().slo(slo()).plugins(FAKE)
                    .source("prometheus", Map.of("url", "http://127.0.0.1:9090")).sli(QUERIES, "prometheus").build())
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("Unknown metric source 'prometheus'")
                    .hasMessageContaining("dev.qualitygate:gate-prometheus");
        }

        @Test
        void build_withoutSlo_isAConfigError() {
            assertThatThrownBy(() -> Gate.builder().build())
                    .isInstanceOf(GateConfigException.class)
                    .hasMessageContaining("no SLO");
        }

        @Test
        void build_withoutPlugins_discoversProvidersOnTheClassPath() {
            String tag = tag();
            try (Gate g = Gate.builder().slo(slo()).source("fake", good(tag)).sli(QUERIES, "fake").build()) {
                assertThat(g.evaluate(CARTS, WINDOW).result()).isEqualTo(Verdict.PASS);
            }

            assertThat(createdSource(tag).queries()).hasSize(3);
        }

        @Test
        void slo_isTheOneTheGateWasBuiltWith() {
            Slo slo = slo();
            try (Gate g = Gate.builder().slo(slo).build()) {
                assertThat(g.slo()).isSameAs(slo);
            }
        }
    }
}
