package dev.qualitygate;

import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.QueryProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A metric source for gate-core's own tests (gate-core cannot use gate-test): answers from a map, sleeps per SLI,
 * throws for SLIs listed as failures, and records the queries it received and how often it was closed.
 */
public final class FakeMetricSource implements MetricSource {
    private final Map<String, Double> values;
    private final Map<String, Duration> delays;
    private final Map<String, String> failures;
    private final String tag;
    private final List<IndicatorQuery> queries = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public FakeMetricSource(Map<String, Double> values, Map<String, Duration> delays, Map<String, String> failures,
            String tag) {
        this.values = Map.copyOf(values);
        this.delays = Map.copyOf(delays);
        this.failures = Map.copyOf(failures);
        this.tag = tag;
    }

    public static FakeMetricSource of(Map<String, Double> values) {
        return new FakeMetricSource(values, Map.of(), Map.of(), "");
    }

    @Override
    public IndicatorValue fetch(IndicatorQuery query) {
        queries.add(query);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            return answer(query);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Finds {@code !bad} in a query, at its column. */
    @Override
    public List<QueryProblem> check(String indicator, String query) {
        int at = query.indexOf("!bad");
        return at < 0 ? List.of() : List.of(new QueryProblem(at + 1, "'!bad' is not allowed here"));
    }

    private IndicatorValue answer(IndicatorQuery query) {
        Duration delay = delays.get(query.indicator());
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                Thread.currentThread().interrupt();
                return IndicatorValue.failed("interrupted");
            }
        }
        String failure = failures.get(query.indicator());
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        Double value = values.get(query.indicator());
        return value == null ? IndicatorValue.failed("fake has no value for " + query.indicator())
                : IndicatorValue.of(value);
    }

    public List<IndicatorQuery> queries() {
        return List.copyOf(queries);
    }

    public IndicatorQuery query(String sli) {
        return queries.stream().filter(q -> q.indicator().equals(sli)).findFirst()
                .orElseThrow(() -> new AssertionError("no query for " + sli + " among " + queries));
    }

    /** The most fetches that were running at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int closeCount() {
        return closed.get();
    }

    public int interruptCount() {
        return interrupted.get();
    }

    public String tag() {
        return tag;
    }

    @Override
    public void close() {
        closed.incrementAndGet();
    }

    @Override
    public String toString() {
        return "FakeMetricSource[" + tag + "]";
    }
}
