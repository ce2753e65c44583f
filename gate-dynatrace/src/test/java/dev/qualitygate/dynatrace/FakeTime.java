package dev.qualitygate.dynatrace;

import dev.qualitygate.dynatrace.internal.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Time for tests: a clock and a monotonic clock that move only when the source sleeps, and the sleeps it asked for.
 */
final class FakeTime extends Clock implements Sleeper {
    private volatile Instant now;
    private volatile long nanos;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    FakeTime(Instant now) {
        this.now = now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
        nanos += duration.toNanos();
    }

    long nanoTime() {
        return nanos;
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
