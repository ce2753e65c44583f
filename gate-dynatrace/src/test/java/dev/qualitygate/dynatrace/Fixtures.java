package dev.qualitygate.dynatrace;

import dev.qualitygate.dynatrace.fake.FakeDynatrace;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.SecretResolver;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Shared test data: a token, a window, a context, and sources on fake time pointed at a fake Dynatrace. */
final class Fixtures {
    /** A token in Dynatrace's format (prefix, 24 public, 64 secret characters); made up for these tests. */
    static final String TOKEN = "dt0c01.QGTESTPUBLIC0000000000AB.QGTESTSECRET0000000000000000000000000000000000000000000"
            + "000000011";
    static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant END = Instant.parse("2026-01-01T10:30:00Z");
    static final TimeWindow WINDOW = new TimeWindow(START, END);
    static final String FROM = "1767261600000";
    static final String TO = "1767263400000";
    static final EvaluationContext CONTEXT = new EvaluationContext("sockshop", "staging", "carts", "primary",
            Map.of("buildId", "42"));

    private Fixtures() {
    }

    /** A time one hour after {@link #END}, when the window's data has settled. */
    static FakeTime settledTime() {
        return new FakeTime(END.plusSeconds(3600));
    }

    static DynatraceMetricSource source(FakeDynatrace dt, FakeTime time) {
        return source(dt, time, Map.of(), Map.of());
    }

    static DynatraceMetricSource source(FakeDynatrace dt, FakeTime time, Map<String, ?> settings) {
        return source(dt, time, settings, Map.of());
    }

    static DynatraceMetricSource source(FakeDynatrace dt, FakeTime time, Map<String, ?> settings,
            Map<String, String> environment) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("url", dt.url());
        all.put("token", TOKEN);
        all.putAll(settings);
        DynatraceConfig config = ProviderConfig.of("test", all, SecretResolver.of(environment))
                .bind(DynatraceConfig.class);
        return new DynatraceMetricSource(config, time, name -> Optional.ofNullable(environment.get(name)), time,
                time::nanoTime);
    }

    static IndicatorQuery query(String sli, String template) {
        return IndicatorQuery.of(sli, template, WINDOW, CONTEXT, Map.of());
    }

    static IndicatorQuery query(String sli, String template, EvaluationContext context) {
        return IndicatorQuery.of(sli, template, WINDOW, context, Map.of());
    }
}
