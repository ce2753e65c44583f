package dev.qualitygate.kubernetes.internal;

import java.time.Duration;

/** Small text helpers for messages. Internal; not API. */
final class Texts {
    private Texts() {
    }

    /** A duration as people write it: {@code 90s}, {@code 5m}, {@code 1m30s}, {@code 250ms}. */
    static String duration(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (sec > 0 || b.length() == 0) {
            b.append(sec).append('s');
        }
        return b.toString();
    }
}
