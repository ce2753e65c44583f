package dev.qualitygate.jmeter.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A per-sample time a query can aggregate, in milliseconds. Internal; not API. */
public enum Field {
    /** The response time: JTL column {@code elapsed}, XML attribute {@code t}. */
    ELAPSED,
    /** Time to first byte: JTL column {@code Latency}, XML attribute {@code lt}. */
    LATENCY,
    /** Time to connect: JTL column {@code Connect}, XML attribute {@code ct}. */
    CONNECT;

    /** The name used in queries. */
    public String queryName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field a query names, or {@code null}. */
    public static @Nullable Field byQueryName(String name) {
        for (Field f : values()) {
            if (f.queryName().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
