package dev.qualitygate;

import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * The provider of {@link FakeMetricSource}, id {@code fake}, registered in gate-core's test
 * {@code META-INF/services}. Settings: {@code values: {sli: number}}, {@code delays: {sli: duration}},
 * {@code failures: {sli: message}} (the source throws with that message) and a {@code tag} by which a test finds
 * the sources created for it in {@link #created(String)}.
 */
public final class FakeMetricSourceProvider implements MetricSourceProvider {
    private static final Queue<FakeMetricSource> CREATED = new ConcurrentLinkedQueue<>();

    record Settings(
            @Nullable Map<String, Double> values,
            @Nullable Map<String, Duration> delays,
            @Nullable Map<String, String> failures,
            @Nullable String tag) {
    }

    public FakeMetricSourceProvider() {
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public MetricSource create(ProviderConfig config, ProviderContext context) {
        Settings s = config.bind(Settings.class);
        FakeMetricSource source = new FakeMetricSource(
                s.values() == null ? Map.of() : s.values(),
                s.delays() == null ? Map.of() : s.delays(),
                s.failures() == null ? Map.of() : s.failures(),
                s.tag() == null ? "" : s.tag());
        CREATED.add(source);
        return source;
    }

    /** The sources created with the given {@code tag} setting, oldest first. */
    static List<FakeMetricSource> created(String tag) {
        return CREATED.stream().filter(s -> s.tag().equals(tag)).toList();
    }
}
