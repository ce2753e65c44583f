package dev.qualitygate.spi;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.IndicatorValue;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Answers SLI queries for a time window: Prometheus, Dynatrace, a JMeter results file, or anything else a plugin
 * wraps.
 *
 * <p>A query whose value cannot be had (no data, an HTTP error, a timeout, a malformed answer) returns
 * {@link IndicatorValue.Failed} with a reason that names the SLI and the query; it never throws for such data
 * problems, since a failed value is scored. {@link dev.qualitygate.Gate} calls {@link #fetch} for several queries at
 * once from several threads, under an overall time limit, so implementations must be thread-safe and honour
 * interrupts.
 *
 * @since 0.1
 */
public interface MetricSource extends AutoCloseable {

    /**
     * Fetches one indicator value.
     *
     * @param query the SLI name, its query with placeholders filled, and the window
     * @return the measured value, or a failure with its reason
     */
    IndicatorValue fetch(IndicatorQuery query);

    /**
     * Checks a query as written in an SLI file, before any value is fetched, so that a mistake is reported with the
     * file, line and column when the gate is built instead of as a failed value later.
     * {@link dev.qualitygate.Gate.Builder#build()} calls it for every query of every SLI file.
     *
     * <p>The query still holds its placeholders ({@code $SERVICE}, {@code $LABEL.x}...): accept them wherever a
     * filled-in value could stand. Implementations must not do I/O here. The default finds nothing; such a source
     * reports a bad query as a failed value when it is fetched.
     *
     * @param indicator the SLI name
     * @param query the query as written
     * @return the problems found; empty when the query is valid
     * @since 0.1
     */
    default List<QueryProblem> check(String indicator, String query) {
        return List.of();
    }

    /**
     * The query this source uses for an SLI that no SLI file names, as Keptn's providers answered common SLIs
     * without a custom query (Prometheus: {@code throughput}, {@code error_rate}, {@code response_time_p50/p90/p95}).
     * {@link dev.qualitygate.Gate} asks for it only when no SLI file has a query for the SLI, and uses it only from
     * a source that is the only one configured, or the only one that has a query for that SLI.
     *
     * <p>The text goes through the same placeholder filling as a query from a file ({@link Placeholders}), so it may
     * use {@code $DURATION_SECONDS} and the like. Implementations must not do I/O here. The default has none.
     *
     * @param indicator the SLI name
     * @param context the project, stage, service, deployment and labels of the evaluation
     * @param filters the SLO's {@code filter} entries, in file order
     * @return the query, or {@code null} when this source has no built-in query for the SLI
     * @since 0.1
     */
    default @Nullable String builtInQuery(String indicator, EvaluationContext context, Map<String, String> filters) {
        return null;
    }

    /**
     * A source that measures one test run's own results, for an evaluation right after that run: a source over test
     * results (a JMeter JTL file, say) returns one that reads {@link TestRunResult#resultsFile()}; a source over a
     * monitoring system has nothing to bind and returns itself, which the default does.
     *
     * <p>The delivery runner's evaluations call it through
     * {@link dev.qualitygate.Gate#evaluate(dev.qualitygate.model.EvaluationContext, dev.qualitygate.model.TimeWindow,
     * TestRunResult)}, which closes a returned source other than this one after the evaluation.
     *
     * @param run the test run whose window is evaluated
     * @return the source to fetch that evaluation's values from; by default this one
     * @since 0.1
     */
    default MetricSource measuring(TestRunResult run) {
        return this;
    }

    /** Releases resources; the default does nothing. Idempotent. */
    @Override
    default void close() {
    }
}
