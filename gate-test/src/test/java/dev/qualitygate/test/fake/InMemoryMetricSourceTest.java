package dev.qualitygate.test.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.spi.IndicatorQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InMemoryMetricSourceTest {
    private static final TimeWindow WINDOW = TimeWindow.ending(Instant.parse("2026-03-01T10:05:00Z"),
            Duration.ofMinutes(5));

    private static IndicatorQuery query(String sli) {
        return IndicatorQuery.of(sli, "q-" + sli + "-$SERVICE", WINDOW, EvaluationContext.of("p", "s", "carts"),
                Map.of());
    }

    @Test
    void fetch_knownSli_returnsItsValue() {
        InMemoryMetricSource source = InMemoryMetricSource.of(Map.of("rt", 420, "errors", 0.5));

        assertThat(source.fetch(query("rt"))).isEqualTo(IndicatorValue.of(420));
        assertThat(source.fetch(query("errors"))).isEqualTo(IndicatorValue.of(0.5));
    }

    @Test
    void fetch_unknownSli_isAFailedValueNamingItAndTheKnownOnes() {
        InMemoryMetricSource source = InMemoryMetricSource.of(Map.of("rt", 420));

        assertThat(source.fetch(query("latency"))).isEqualTo(IndicatorValue.failed(
                "the in-memory metric source has no value for SLI 'latency'; it has values for [rt]"));
    }

    @Test
    void fetch_failedValue_isReturnedAsGiven() {
        InMemoryMetricSource source = InMemoryMetricSource.builder().failed("rt", "Prometheus answered 503").build();

        assertThat(source.fetch(query("rt"))).isEqualTo(IndicatorValue.failed("Prometheus answered 503"));
    }

    @Test
    void queries_areRecordedInArrivalOrderWithPlaceholdersFilled() {
        InMemoryMetricSource source = InMemoryMetricSource.of(Map.of("rt", 1));
        source.fetch(query("rt"));
        source.fetch(query("other"));
        source.fetch(query("rt"));

        assertThat(source.queries()).extracting(IndicatorQuery::indicator).containsExactly("rt", "other", "rt");
        assertThat(source.queries("rt")).hasSize(2);
        assertThat(source.lastQuery("other").orElseThrow().query()).isEqualTo("q-other-carts");
        assertThat(source.lastQuery("never")).isEmpty();
    }

    @Test
    void values_keepTheirOrderAndCannotBeChanged() {
        InMemoryMetricSource source = InMemoryMetricSource.builder().value("b", 2).value("a", 1).build();

        assertThat(source.values().keySet()).containsExactly("b", "a");
        assertThatThrownBy(() -> source.values().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fetch_withDelay_answersAfterTheDelay() {
        InMemoryMetricSource source = InMemoryMetricSource.builder().value("rt", 1)
                .delay("rt", Duration.ofMillis(150)).build();

        long t0 = System.nanoTime();
        IndicatorValue value = source.fetch(query("rt"));

        assertThat(value).isEqualTo(IndicatorValue.of(1));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(140);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fetch_interruptedDuringItsDelay_returnsAFailedValueAndKeepsTheFlag() throws Exception {
        InMemoryMetricSource source = InMemoryMetricSource.builder().value("rt", 1)
                .delay("rt", Duration.ofSeconds(60)).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Boolean> flag = new CompletableFuture<>();
            Future<IndicatorValue> pending = pool.submit(() -> {
                IndicatorValue v = source.fetch(query("rt"));
                flag.complete(Thread.currentThread().isInterrupted());
                return v;
            });
            while (source.queries().isEmpty()) {
                Thread.sleep(5);
            }
            pool.shutdownNow();

            assertThat(flag.get(10, TimeUnit.SECONDS)).as("interrupt flag kept").isTrue();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pending.isDone()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void delay_negative_isRefused() {
        assertThatThrownBy(() -> InMemoryMetricSource.builder().delay("rt", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void close_isIdempotentAndLaterAnswersAreFailedValues() {
        InMemoryMetricSource source = InMemoryMetricSource.of(Map.of("rt", 1));

        source.close();
        source.close();

        assertThat(source.isClosed()).isTrue();
        assertThat(source.fetch(query("rt"))).isInstanceOf(IndicatorValue.Failed.class);
    }

    @Test
    void toString_namesTheSlis() {
        assertThat(InMemoryMetricSource.of(Map.of("rt", 1))).hasToString("InMemoryMetricSource[rt]");
    }
}
