package dev.qualitygate.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations written as Go's {@code time.ParseDuration} accepts them ({@code 10m}, {@code 1h30m},
 * {@code 1.5s}, {@code 300ms}), as Keptn's shipyard and evaluation timeframes are written. Internal; not API.
 */
public final class GoDuration {
    private static final Pattern WHOLE = Pattern.compile("([0-9]*(?:\\.[0-9]*)?(?:ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * Parses a non-negative Go duration.
     *
     * @param text for example {@code 1h30m}
     * @return the duration
     * @throws IllegalArgumentException if the text is not a Go duration; the message shows the accepted form
     */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "must be a duration such as 90s, 15m or 1h30m (units ns, us, ms, s, m, h)");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            String number = m.group(1);
            if (number.isEmpty() || number.equals(".")) {
                throw new IllegalArgumentException("must be a duration such as 90s, 15m or 1h30m");
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1L;
            case "us":
            case "µs":
            case "μs":
                return 1_000L;
            case "ms":
                return 1_000_000L;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            default:
                return 3_600_000_000_000L;
        }
    }
}
