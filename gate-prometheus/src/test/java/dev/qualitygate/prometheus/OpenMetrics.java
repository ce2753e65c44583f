package dev.qualitygate.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Known series in OpenMetrics text, for {@link PrometheusServer}: samples every {@code step} from {@code from} to
 * {@code to}, timestamps in seconds, series grouped by family, ending with {@code # EOF}. Public because gate-cli's
 * end-to-end test uses it from this module's test jar.
 */
public final class OpenMetrics {
    private record Family(String type, List<String> lines) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** An empty set of series. */
    public OpenMetrics() {
        // filled by gauge, counter and bucket
    }

    /**
     * Adds a gauge series.
     *
     * @param name the metric name
     * @param labels the label set, such as {@code service="carts"}
     * @param from the first sample's time
     * @param to the last sample's time, inclusive
     * @param step the time between samples
     * @param value the value at each time
     * @return this
     */
    public OpenMetrics gauge(String name, String labels, Instant from, Instant to, Duration step,
            ToDoubleFunction<Instant> value) {
        return series(name, "gauge", name, labels, from, to, step, value);
    }

    /**
     * Adds a counter series, named {@code <name>_total} as OpenMetrics requires.
     *
     * @param name the family name, without {@code _total}
     * @param labels the label set
     * @param from the first sample's time
     * @param to the last sample's time, inclusive
     * @param step the time between samples
     * @param value the counter's value at each time; never decreasing
     * @return this
     */
    public OpenMetrics counter(String name, String labels, Instant from, Instant to, Duration step,
            ToDoubleFunction<Instant> value) {
        return series(name, "counter", name + "_total", labels, from, to, step, value);
    }

    /**
     * Adds one bucket series of a histogram, named {@code <name>_bucket}; give the bucket's bound as the label
     * {@code le}, and a {@code le="+Inf"} bucket too.
     *
     * @param name the family name, without {@code _bucket}
     * @param labels the label set, with {@code le}
     * @param from the first sample's time
     * @param to the last sample's time, inclusive
     * @param step the time between samples
     * @param value the bucket's cumulative count at each time; never decreasing
     * @return this
     */
    public OpenMetrics bucket(String name, String labels, Instant from, Instant to, Duration step,
            ToDoubleFunction<Instant> value) {
        return series(name, "histogram", name + "_bucket", labels, from, to, step, value);
    }

    private OpenMetrics series(String family, String type, String sample, String labels, Instant from, Instant to,
            Duration step, ToDoubleFunction<Instant> value) {
        Family f = families.computeIfAbsent(family, k -> new Family(type, new ArrayList<>()));
        if (!f.type().equals(type)) {
            throw new IllegalArgumentException(family + " is a " + f.type() + ", not a " + type);
        }
        for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
            f.lines().add(sample + "{" + labels + "} " + value.applyAsDouble(t) + " " + t.getEpochSecond());
        }
        return this;
    }

    /**
     * The text.
     *
     * @return the OpenMetrics exposition, ending with {@code # EOF}
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        families.forEach((name, f) -> {
            sb.append("# TYPE ").append(name).append(' ').append(f.type()).append('\n');
            f.lines().forEach(l -> sb.append(l).append('\n'));
        });
        return sb.append("# EOF\n").toString();
    }
}
