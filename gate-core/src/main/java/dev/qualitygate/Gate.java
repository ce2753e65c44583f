package dev.qualitygate;

import dev.qualitygate.engine.Evaluator;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.Comparison;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.GateSettings;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.SliConfig;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.QueryProblem;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.yaml.GateYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A quality gate wired to its metric sources and history: it fetches every SLI of the SLO for a time window, scores
 * the values against the SLO and the stored history, stores the result and returns it.
 *
 * <pre>{@code
 * try (Gate gate = Gate.builder()
 *         .slo(Path.of("slo.yaml"))
 *         .sli(Path.of("prometheus/sli.yaml"))
 *         .source("prometheus", Map.of("url", "http://127.0.0.1:9090"))
 *         .store(EvaluationStore.files(Path.of(".qualitygate/history")))
 *         .build()) {
 *     EvaluationResult result = gate.evaluate(
 *             EvaluationContext.of("shop", "staging", "carts").withLabel("buildId", "42"),
 *             new TimeWindow(testStart, testEnd));
 * }
 * }</pre>
 *
 * <p>All SLIs are fetched concurrently (at most {@link Builder#maxConcurrentFetches(int)} at once) under one time
 * limit ({@link Builder#fetchTimeout(Duration)}); an SLI that does not answer in time, throws, or has no query becomes
 * a failed value with its reason and is scored as such. An SLI that no SLI file names is asked with a metric source's
 * {@linkplain MetricSource#builtInQuery built-in query} when exactly one source has one, as Keptn's providers did. Thread-safe; closing it closes the metric sources it created.
 *
 * @since 0.1
 */
public final class Gate implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gate.class);

    /** Where one SLI's query is answered. */
    private record Binding(String query, String source) {
    }

    private final Slo slo;
    private final String sloFileContent;
    private final Map<String, Binding> queries;
    private final Map<String, MetricSource> sources;
    private final List<MetricSource> owned;
    private final EvaluationStore store;
    private final Clock clock;
    private final Duration fetchTimeout;
    private final ExecutorService executor;

    private Gate(Builder b, Map<String, Binding> queries, Map<String, MetricSource> sources, List<MetricSource> owned) {
        this.slo = Objects.requireNonNull(b.slo, "slo");
        this.sloFileContent = b.sloFileContent;
        this.queries = queries;
        this.sources = sources;
        this.owned = owned;
        this.store = b.store;
        this.clock = b.clock;
        this.fetchTimeout = b.fetchTimeout;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(b.maxConcurrentFetches, b.maxConcurrentFetches, 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "qualitygate-fetch-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The SLO this gate evaluates.
     *
     * @return the SLO
     */
    public Slo slo() {
        return slo;
    }

    /**
     * Fetches, scores, stores: the whole evaluation of one time window.
     *
     * @param context project, stage, service, deployment and labels; project/stage/service key the history
     * @param window the time window to measure, usually the test run
     * @return the stored result
     * @throws dev.qualitygate.error.StoreException if the history cannot be read or the result cannot be stored
     */
    public EvaluationResult evaluate(EvaluationContext context, TimeWindow window) {
        return score(context, window, fetch(context, window));
    }

    /**
     * Fetches the value of every SLI the SLO names, concurrently and within the fetch timeout.
     *
     * @param context the context whose names fill the query placeholders
     * @param window the time window to measure
     * @return one value per SLI, in SLO order; failures carry their reason
     */
    public IndicatorValues fetch(EvaluationContext context, TimeWindow window) {
        return fetch(context, window, sources);
    }

    /**
     * Fetches, scores, stores, with each metric source bound to a test run's own results (see
     * {@link MetricSource#measuring(TestRunResult)}): the evaluation that follows a test, as the delivery runner
     * makes it.
     *
     * @param context project, stage, service, deployment and labels; project/stage/service key the history
     * @param window the time window to measure, usually {@code run.window()}
     * @param run the test run
     * @return the stored result
     * @throws dev.qualitygate.error.StoreException if the history cannot be read or the result cannot be stored
     * @since 0.1
     */
    public EvaluationResult evaluate(EvaluationContext context, TimeWindow window, TestRunResult run) {
        Objects.requireNonNull(run, "run");
        Map<String, MetricSource> bound = new LinkedHashMap<>();
        List<MetricSource> created = new ArrayList<>();
        try {
            for (Map.Entry<String, MetricSource> e : sources.entrySet()) {
                MetricSource source = e.getValue().measuring(run);
                bound.put(e.getKey(), source == null ? e.getValue() : source);
                if (source != null && source != e.getValue()) {
                    created.add(source);
                }
            }
            return score(context, window, fetch(context, window, bound));
        } finally {
            created.forEach(Builder::closeQuietly);
        }
    }

    private IndicatorValues fetch(EvaluationContext context, TimeWindow window, Map<String, MetricSource> sources) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(window, "window");
        Map<String, Future<IndicatorValue>> pending = new LinkedHashMap<>();
        Map<String, Binding> bindings = new LinkedHashMap<>();
        Map<String, IndicatorValue> values = new LinkedHashMap<>();
        for (Objective o : slo.objectives()) {
            String sli = o.sli();
            if (pending.containsKey(sli) || values.containsKey(sli)) {
                continue;
            }
            Binding bound = queries.get(sli);
            if (bound == null) {
                List<Binding> builtIns = builtIns(sli, context, sources);
                if (builtIns.size() != 1) {
                    values.put(sli, IndicatorValue.failed("no query for SLI '" + sli + "': it is in none of the SLI"
                            + " files" + (builtIns.isEmpty() ? "" : ", and metric sources "
                                    + String.join(", ", builtIns.stream().map(Binding::source).toList())
                                    + " all have a built-in query for it; put the query into an SLI file of the one"
                                    + " to ask")));
                    continue;
                }
                bound = builtIns.get(0);
                log.debug("SLI {}: no SLI file has a query; using the built-in query of metric source '{}': {}", sli,
                        bound.source(), bound.query());
            }
            bindings.put(sli, bound);
            MetricSource source = sources.get(bound.source());
            String sourceName = bound.source();
            IndicatorQuery query = IndicatorQuery.of(sli, bound.query(), window, context, slo.filter());
            pending.put(sli, executor.submit(() -> fetchOne(source, sourceName, query)));
        }
        long deadline = System.nanoTime() + fetchTimeout.toNanos();
        for (Map.Entry<String, Future<IndicatorValue>> e : pending.entrySet()) {
            String sli = e.getKey();
            Binding binding = bindings.get(sli);
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                values.put(sli, e.getValue().get(left, TimeUnit.NANOSECONDS));
            } catch (TimeoutException ex) {
                e.getValue().cancel(true);
                values.put(sli, IndicatorValue.failed("no answer from metric source '" + binding.source()
                        + "' within " + fetchTimeout.toMillis() + " ms for SLI '" + sli + "'"));
            } catch (ExecutionException | CancellationException ex) {
                values.put(sli, IndicatorValue.failed("metric source '" + binding.source() + "' failed for SLI '"
                        + sli + "': " + ex));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                pending.values().forEach(f -> f.cancel(true));
                values.put(sli, IndicatorValue.failed("interrupted while fetching SLI '" + sli + "'"));
            }
        }
        Map<String, IndicatorValue> ordered = new LinkedHashMap<>();
        for (Objective o : slo.objectives()) {
            ordered.putIfAbsent(o.sli(), values.get(o.sli()));
        }
        return new IndicatorValues(ordered);
    }

    /** The built-in queries the metric sources have for an SLI that no SLI file names. */
    private List<Binding> builtIns(String sli, EvaluationContext context, Map<String, MetricSource> sources) {
        List<Binding> found = new ArrayList<>();
        sources.forEach((name, source) -> {
            String query = source.builtInQuery(sli, context, slo.filter());
            if (query != null) {
                found.add(new Binding(query, name));
            }
        });
        return found;
    }

    private static IndicatorValue fetchOne(MetricSource source, String sourceName, IndicatorQuery query) {
        try {
            IndicatorValue value = source.fetch(query);
            log.debug("SLI {} from {}: {}", query.indicator(), sourceName, value);
            return value == null ? IndicatorValue.failed("metric source '" + sourceName + "' returned nothing for SLI '"
                    + query.indicator() + "'") : value;
        } catch (RuntimeException e) {
            return IndicatorValue.failed("metric source '" + sourceName + "' failed for SLI '" + query.indicator()
                    + "': " + e.getMessage());
        }
    }

    /**
     * Scores values you already have against the SLO and the stored history, and stores the result.
     *
     * @param context project, stage, service and labels
     * @param window the measured window, recorded in the result; may be {@code null}
     * @param values the values
     * @return the stored result
     */
    public EvaluationResult score(EvaluationContext context, @Nullable TimeWindow window, IndicatorValues values) {
        Comparison comparison = slo.comparison();
        List<EvaluationResult> history = store.recent(HistoryKey.of(context), comparison.includeResultWithScore(),
                comparison.resultsToCompare());
        EvaluationResult result = Evaluator.evaluate(slo, values.values(), history).toBuilder()
                .id(UUID.randomUUID().toString())
                .context(context)
                .timeframe(window)
                .time(clock.instant())
                .sloFileContent(sloFileContent)
                .build();
        store.append(result);
        log.info("Evaluation {} of {}: {} with score {}", result.id(), HistoryKey.of(context), result.result()
                .keyword(), result.score());
        return result;
    }

    /** Closes the metric sources this gate created and stops its fetch threads. */
    @Override
    public void close() {
        executor.shutdownNow();
        for (MetricSource s : owned) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("Closing metric source {} failed: {}", s, e.toString());
            }
        }
    }

    /** Builds a {@link Gate}; not thread-safe. */
    public static final class Builder {
        private @Nullable Slo slo;
        private String sloFileContent = "";
        private final List<SliFile> sliFiles = new ArrayList<>();
        private final Map<String, SourceSpec> sourceSpecs = new LinkedHashMap<>();
        private @Nullable Plugins plugins;
        private EvaluationStore store = EvaluationStore.inMemory();
        private Clock clock = Clock.systemUTC();
        private Duration fetchTimeout = Duration.ofSeconds(60);
        private int maxConcurrentFetches = 20;

        private record SliFile(SliConfig config, String origin, @Nullable String source, @Nullable Path path,
                byte @Nullable [] content) {
        }

        private record SourceSpec(String provider, Map<String, Object> settings, @Nullable MetricSource instance) {
        }

        private Builder() {
        }

        /**
         * Loads the SLO file.
         *
         * @param file the {@code slo.yaml}
         * @return this builder
         * @throws GateConfigException if it cannot be read or is invalid
         */
        public Builder slo(Path file) {
            byte[] bytes = readAll(file);
            this.slo = GateYaml.readSlo(bytes, file.toString());
            this.sloFileContent = Base64.getEncoder().encodeToString(bytes);
            return this;
        }

        /**
         * Uses an SLO built in code.
         *
         * @param slo the SLO
         * @return this builder
         */
        public Builder slo(Slo slo) {
            this.slo = Objects.requireNonNull(slo, "slo");
            this.sloFileContent = "";
            return this;
        }

        /**
         * Adds an SLI file; its metric source is the file's {@code source} key, else its directory's name when a
         * source of that name is configured (Keptn kept {@code prometheus/sli.yaml}), else the only configured
         * source. Later files override earlier ones SLI by SLI, as Keptn merged project, stage and service files.
         *
         * @param file the {@code sli.yaml}
         * @return this builder
         * @throws GateConfigException if it cannot be read or is invalid
         */
        public Builder sli(Path file) {
            byte[] content = readAll(file);
            sliFiles.add(new SliFile(GateYaml.readSli(content, file.toString()), file.toString(), null, file,
                    content));
            return this;
        }

        /**
         * Adds an SLI file answered by the named source.
         *
         * @param file the {@code sli.yaml}
         * @param source the name of a configured source
         * @return this builder
         */
        public Builder sli(Path file, String source) {
            byte[] content = readAll(file);
            sliFiles.add(new SliFile(GateYaml.readSli(content, file.toString()), file.toString(),
                    Objects.requireNonNull(source, "source"), file, content));
            return this;
        }

        /**
         * Adds SLI queries built in code.
         *
         * @param sli the queries
         * @param source the name of a configured source
         * @return this builder
         */
        public Builder sli(SliConfig sli, String source) {
            sliFiles.add(new SliFile(sli, "SLI queries for " + source, Objects.requireNonNull(source, "source"),
                    null, null));
            return this;
        }

        /**
         * Configures a metric source whose provider has the same id as its name.
         *
         * @param provider the provider id, for example {@code prometheus}
         * @param settings the provider's settings
         * @return this builder
         */
        public Builder source(String provider, Map<String, ?> settings) {
            return source(provider, provider, settings);
        }

        /**
         * Configures a named metric source, for example two Prometheus servers under two names.
         *
         * @param name the name SLI files refer to
         * @param provider the provider id
         * @param settings the provider's settings
         * @return this builder
         */
        public Builder source(String name, String provider, Map<String, ?> settings) {
            sourceSpecs.put(Objects.requireNonNull(name, "name"),
                    new SourceSpec(Objects.requireNonNull(provider, "provider"), new LinkedHashMap<>(settings), null));
            return this;
        }

        /**
         * Configures every metric source of a gate configuration file (see {@link GateSettings}); the history
         * store it names is left to the caller, since its path is relative to the file.
         *
         * @param settings the configuration
         * @return this builder
         */
        public Builder sources(GateSettings settings) {
            settings.sources().forEach((name, s) -> source(name, s.provider(), s.settings()));
            return this;
        }

        /**
         * Uses a metric source instance you created; the gate does not close it.
         *
         * @param name the name SLI files refer to
         * @param source the source
         * @return this builder
         */
        public Builder source(String name, MetricSource source) {
            sourceSpecs.put(Objects.requireNonNull(name, "name"),
                    new SourceSpec(name, Map.of(), Objects.requireNonNull(source, "source")));
            return this;
        }

        /**
         * The plugins to create sources from; by default those {@link Plugins#discover()} finds.
         *
         * @param plugins the plugins
         * @return this builder
         */
        public Builder plugins(Plugins plugins) {
            this.plugins = Objects.requireNonNull(plugins, "plugins");
            return this;
        }

        /**
         * Where history is read from and results are stored; by default a new in-memory store.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(EvaluationStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The clock that stamps results; by default the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long fetching all SLIs of one evaluation may take; default 60 s. SLIs without an answer by then fail.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder fetchTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("fetchTimeout must be positive, was " + timeout);
            }
            this.fetchTimeout = timeout;
            return this;
        }

        /**
         * How many SLIs are fetched at once; default 20, so that an SLO of 20 SLIs takes about as long as its slowest
         * SLI, while staying within the number of queries Prometheus evaluates at once by default
         * ({@code --query.max-concurrency=20}). Threads start as SLIs are fetched and end after 30 s idle.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxConcurrentFetches(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentFetches must be >= 1, was " + max);
            }
            this.maxConcurrentFetches = max;
            return this;
        }

        /**
         * Builds the gate: resolves every SLI file's source, creates the sources from their providers, and has each
         * source check the queries it will answer ({@link MetricSource#check(String, String)}).
         *
         * @return the gate
         * @throws GateConfigException if the SLO is missing, an SLI file's source cannot be told, a source's
         *     settings are invalid, or a source finds a query invalid; every such problem is listed, located in the
         *     SLI file
         * @throws dev.qualitygate.error.ProviderException if a provider id is unknown
         */
        public Gate build() {
            if (slo == null) {
                throw new GateConfigException(Problem.of("gate", "no SLO: call slo(Path) or slo(Slo)"));
            }
            List<Problem> problems = new ArrayList<>();
            Map<String, Binding> queries = new LinkedHashMap<>();
            Map<SliFile, String> fileSources = new LinkedHashMap<>();
            for (SliFile f : sliFiles) {
                String source = resolveSource(f, problems);
                if (source != null) {
                    fileSources.put(f, source);
                    f.config().indicators().forEach((sli, q) -> queries.put(sli, new Binding(q, source)));
                }
            }
            if (!problems.isEmpty()) {
                throw new GateConfigException(problems);
            }
            Map<String, MetricSource> sources = new LinkedHashMap<>();
            List<MetricSource> owned = new ArrayList<>();
            try {
                for (Map.Entry<String, SourceSpec> e : sourceSpecs.entrySet()) {
                    SourceSpec spec = e.getValue();
                    if (spec.instance() != null) {
                        sources.put(e.getKey(), spec.instance());
                        continue;
                    }
                    Plugins available = plugins != null ? plugins : Plugins.discover();
                    MetricSource created = available.metricSource(spec.provider()).create(
                            ProviderConfig.of("metric source " + e.getKey(), spec.settings()),
                            new ProviderContext(clock));
                    owned.add(created);
                    sources.put(e.getKey(), created);
                }
                fileSources.forEach((f, source) -> checkQueries(f, source, sources.get(source), problems));
                if (!problems.isEmpty()) {
                    throw new GateConfigException(problems);
                }
            } catch (RuntimeException ex) {
                owned.forEach(Builder::closeQuietly);
                throw ex;
            }
            return new Gate(this, queries, sources, owned);
        }

        private @Nullable String resolveSource(SliFile f, List<Problem> problems) {
            if (f.source() != null) {
                if (!sourceSpecs.containsKey(f.source())) {
                    problems.add(Problem.of(f.origin(), "its metric source '" + f.source()
                            + "' is not configured; configured sources: " + sourceSpecs.keySet()));
                    return null;
                }
                return f.source();
            }
            String declared = f.config().source();
            if (declared != null) {
                if (!sourceSpecs.containsKey(declared)) {
                    problems.add(Problem.of(f.origin(), "source: names '" + declared
                            + "', which is not configured; configured sources: " + sourceSpecs.keySet()));
                    return null;
                }
                return declared;
            }
            Path parent = f.path() == null ? null : f.path().toAbsolutePath().getParent();
            if (parent != null && parent.getFileName() != null
                    && sourceSpecs.containsKey(parent.getFileName().toString())) {
                return parent.getFileName().toString();
            }
            if (sourceSpecs.size() == 1) {
                return sourceSpecs.keySet().iterator().next();
            }
            problems.add(Problem.of(f.origin(), sourceSpecs.isEmpty()
                    ? "no metric source is configured to answer its queries"
                    : "cannot tell which metric source answers its queries; add `source: <name>` to the file,"
                            + " one of " + sourceSpecs.keySet()));
            return null;
        }

        private static void checkQueries(SliFile f, String sourceName, MetricSource source, List<Problem> problems) {
            f.config().indicators().forEach((sli, query) -> {
                List<QueryProblem> found;
                try {
                    found = source.check(sli, query);
                } catch (RuntimeException e) {
                    found = List.of(new QueryProblem(0, "metric source '" + sourceName
                            + "' failed to check the query: " + e));
                }
                for (QueryProblem qp : found) {
                    GateYaml.Position at = f.content() == null ? null
                            : GateYaml.sliQueryPosition(f.content(), f.origin(), sli, qp.column()).orElse(null);
                    String where = qp.column() > 0 ? "query column " + qp.column() + ": " : "";
                    problems.add(new Problem(f.origin(), at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                            "indicators." + sli, where + qp.message(), query));
                }
            });
        }

        private static void closeQuietly(MetricSource s) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("Closing metric source {} failed: {}", s, e.toString());
            }
        }

        private static byte[] readAll(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new GateConfigException(Problem.of(file.toString(), "cannot read the file: "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString())));
            }
        }
    }
}
