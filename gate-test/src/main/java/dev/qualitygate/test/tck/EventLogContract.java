package dev.qualitygate.test.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.LoggedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link EventLog} must keep for the delivery runner, as JUnit 5 tests: extend this class in the
 * tests of a store (a database table, say) and supply fresh, empty logs.
 *
 * <pre>{@code
 * class JdbcEventLogContractTest extends EventLogContract {
 *     protected EventLog newLog() {
 *         return new JdbcEventLog(dataSource, "events_" + counter.incrementAndGet());
 *     }
 * }
 * }</pre>
 *
 * <p>What the runner relies on: events come back in their order with their JSON unchanged; an append is conditional
 * on the run's length, and of several writers racing for one position exactly one wins; runs are kept apart; the run
 * list puts the most recently active run first. Each rule is one test method.
 *
 * @since 0.1
 */
public abstract class EventLogContract {
    private EventLog log;

    /**
     * A new, empty log; called before each test, and closed after it.
     *
     * @return the log
     */
    protected abstract EventLog newLog();

    /**
     * A second handle on the same storage as the current log (another connection, another process's view), for the
     * racing check; by default the same log.
     *
     * @param log the log of the current test
     * @return a log that sees the same runs
     */
    protected EventLog sameStorage(EventLog log) {
        return log;
    }

    @BeforeEach
    final void openLog() {
        log = newLog();
    }

    @AfterEach
    final void closeLog() {
        log.close();
    }

    /**
     * An event of a run at a position, as the delivery runner writes one.
     *
     * @param runId the run
     * @param sequence its position
     * @return the event
     */
    protected static LoggedEvent event(String runId, int sequence) {
        String id = UUID.randomUUID().toString();
        Instant time = Instant.parse("2026-11-26T10:00:00Z").plusMillis(sequence);
        return new LoggedEvent(runId, sequence, id, "sh.keptn.event.test.finished", time,
                "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"qualitygate\",\"type\":"
                        + "\"sh.keptn.event.test.finished\",\"time\":\"" + time + "\",\"shkeptncontext\":\"" + runId
                        + "\",\"data\":{\"result\":\"pass\",\"message\":\"50% \\u2192 fine, \\\"quoted\\\"\"}}");
    }

    @Test
    void append_inOrder_eventsComeBackInOrderWithTheirJsonUnchanged() {
        List<LoggedEvent> written = List.of(event("run-a", 0), event("run-a", 1), event("run-a", 2));

        for (LoggedEvent e : written) {
            assertThat(log.append(e)).as("append of position %d", e.sequence()).isTrue();
        }

        assertThat(log.events("run-a")).containsExactlyElementsOf(written);
    }

    @Test
    void append_atAPositionThatIsNotTheRunsLength_writesNothingAndReturnsFalse() {
        assertThat(log.append(event("run-a", 1))).isFalse();
        assertThat(log.events("run-a")).isEmpty();
        assertThat(log.append(event("run-a", 0))).isTrue();
        assertThat(log.append(event("run-a", 0))).isFalse();
        assertThat(log.append(event("run-a", 2))).isFalse();

        assertThat(log.events("run-a")).extracting(LoggedEvent::sequence).containsExactly(0);
    }

    @Test
    void events_ofSeveralRuns_areKeptApart() {
        log.append(event("run-a", 0));
        log.append(event("run-b", 0));
        log.append(event("run-a", 1));

        assertThat(log.events("run-a")).extracting(LoggedEvent::runId).containsExactly("run-a", "run-a");
        assertThat(log.events("run-b")).hasSize(1);
        assertThat(log.events("run-c")).isEmpty();
    }

    @Test
    void runs_mostRecentlyActiveFirst_upToTheLimit() throws InterruptedException {
        log.append(event("run-a", 0));
        Thread.sleep(20);
        log.append(event("run-b", 0));
        Thread.sleep(20);
        log.append(event("run-a", 1));

        assertThat(log.runs(10)).containsExactly("run-a", "run-b");
        assertThat(log.runs(1)).containsExactly("run-a");
    }

    @Test
    @Timeout(60)
    void append_writersRacingForEachPosition_exactlyOneWinsEach() throws Exception {
        EventLog other = sameStorage(log);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int position = 0; position < 20; position++) {
                int p = position;
                List<Future<Boolean>> tries = new ArrayList<>();
                for (int writer = 0; writer < 4; writer++) {
                    EventLog target = writer % 2 == 0 ? log : other;
                    tries.add(pool.submit(() -> target.append(event("race", p))));
                }
                int won = 0;
                for (Future<Boolean> f : tries) {
                    won += f.get() ? 1 : 0;
                }
                assertThat(won).as("writers that won position %d", p).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            if (other != log) {
                other.close();
            }
        }
        assertThat(log.events("race")).extracting(LoggedEvent::sequence)
                .containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    }
}
