package dev.qualitygate.dynatrace;

import dev.qualitygate.dynatrace.internal.CallFailed;
import dev.qualitygate.dynatrace.internal.Deadline;
import dev.qualitygate.dynatrace.internal.DynatraceHttp;
import dev.qualitygate.dynatrace.internal.DynatracePlaceholders;
import dev.qualitygate.dynatrace.internal.QueryException;
import dev.qualitygate.dynatrace.internal.Redactor;
import dev.qualitygate.dynatrace.internal.SliFetcher;
import dev.qualitygate.dynatrace.internal.SliQuery;
import dev.qualitygate.dynatrace.internal.SliQueryParser;
import dev.qualitygate.dynatrace.internal.Sleeper;
import dev.qualitygate.dynatrace.internal.TenantUrls;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metric source of one Dynatrace environment. Thread-safe: {@link dev.qualitygate.Gate} calls {@link #fetch}
 * for several SLIs at once.
 */
final class DynatraceMetricSource implements MetricSource {
    private static final Logger log = LoggerFactory.getLogger(DynatraceMetricSource.class);

    private final DynatraceConfig config;
    private final URI base;
    private final Clock clock;
    private final Function<String, Optional<String>> environment;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final DynatraceHttp http;
    private final Redactor redactor;
    private final SliFetcher fetcher;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the source.
     *
     * @param config the settings, valid
     * @param clock the clock the window's end is compared with
     * @param environment environment variable name to value, for {@code $ENV.NAME}
     * @param sleeper waits for data to settle and between attempts
     * @param nanoTime the monotonic clock of the time limits
     */
    DynatraceMetricSource(DynatraceConfig config, Clock clock, Function<String, Optional<String>> environment,
            Sleeper sleeper, LongSupplier nanoTime) {
        this.config = config;
        this.base = TenantUrls.parse(config.url());
        if (base.getScheme().equalsIgnoreCase("http") && !isLoopback(base.getHost())) {
            log.warn("The Dynatrace url {} uses http://: the API token travels unencrypted", base);
        }
        this.clock = clock;
        this.environment = environment;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.http = new DynatraceHttp(base, config.token(), config.timeout(), config.retries(), clock, sleeper);
        this.redactor = http.redactor();
        this.fetcher = new SliFetcher(http, config.failOnWarnings());
    }

    @Override
    public IndicatorValue fetch(IndicatorQuery query) {
        String sli = query.indicator();
        if (closed.get()) {
            return failed(sli, "the Dynatrace source " + base + " is closed", query.query());
        }
        DynatracePlaceholders.Filled filled;
        SliQuery parsed;
        try {
            filled = DynatracePlaceholders.fill(query.query(), query.context().labels(), environment);
        } catch (QueryException e) {
            return failed(sli, e.getMessage(), query.query());
        }
        try {
            parsed = SliQueryParser.parse(filled.sent());
        } catch (QueryException e) {
            return failed(sli, e.getMessage(), filled.shown());
        }
        if (parsed instanceof SliQuery.Metrics m && m.legacy()) {
            log.warn("SLI {} uses the old query form (a bare selector or selector?scope=...); it is sent as {}", sli,
                    redactor.redact(String.valueOf(m.parameters())));
        }
        Deadline deadline = Deadline.after(config.totalTimeout(), nanoTime);
        try {
            awaitSettled(query, parsed instanceof SliQuery.Usql ? config.userSessionSettle() : config.settle(),
                    deadline);
            double value = fetcher.fetch(parsed, query.window(), deadline);
            log.debug("SLI {}: {}", sli, value);
            return IndicatorValue.of(value);
        } catch (CallFailed e) {
            return failed(sli, e.getMessage(), filled.shown());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(sli, "interrupted while asking Dynatrace", filled.shown());
        }
    }

    /** Waits until the window's data is complete in Dynatrace, as Keptn's dynatrace-service did. */
    private void awaitSettled(IndicatorQuery query, Duration settle, Deadline deadline)
            throws CallFailed, InterruptedException {
        Instant ready = query.window().end().plus(settle);
        Duration wait = Duration.between(clock.instant(), ready);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wait.compareTo(deadline.remaining()) >= 0) {
            Instant shownReady = ceilSeconds(ready);
            throw new CallFailed("Dynatrace's data for the window ending " + ceilSeconds(query.window().end())
                    + " is complete only at " + shownReady
                    + " (settle " + settle.toSeconds() + " s after the end), " + (wait.toMillis() + 999) / 1000
                    + " s from now, which is beyond the time limit of " + config.totalTimeout().toSeconds()
                    + " s: evaluate after " + shownReady + ", end the window earlier, or lower the source setting"
                    + " settle");
        }
        log.debug("SLI {}: waiting {} ms until Dynatrace's data for the window is complete", query.indicator(),
                wait.toMillis());
        sleeper.sleep(wait);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static Instant ceilSeconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(instant.getNano() > 0 ? 1 : 0);
    }

    private IndicatorValue failed(String sli, String reason, String shownQuery) {
        String text = redactor.redact("SLI '" + sli + "': " + reason + " [query: " + shownQuery + "]");
        log.debug("{}", text);
        return IndicatorValue.failed(text);
    }

    /** Stops the HTTP client's threads. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.close();
        }
    }

    /** The address and settings, never the token. */
    @Override
    public String toString() {
        return "DynatraceMetricSource[" + base + ", " + config + "]";
    }
}
