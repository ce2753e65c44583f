package dev.qualitygate.spi;

import java.time.Clock;
import java.util.Objects;

/**
 * Services a plugin may use, so that it needs no global state: the clock (tests pass a fixed one).
 *
 * @param clock the clock to read time from
 * @since 0.1
 */
public record ProviderContext(Clock clock) {

    /** Checks the components. */
    public ProviderContext {
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * The context with the system clock.
     *
     * @return the context
     */
    public static ProviderContext defaults() {
        return new ProviderContext(Clock.systemUTC());
    }
}
