package dev.qualitygate.jmeter.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/** Random samples for tests, written as a CSV JTL, with the exact statistics computed the naive way. */
final class Samples {
    static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
            + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect";
    static final List<String> LABELS = List.of("GET /api/items", "POST /api/cart", "Login, step \"1\"",
            "GET /static");

    record Sample(long start, long elapsed, String label, boolean success, String failure, long latency,
            long connect) {
    }

    private Samples() {
    }

    /** {@code n} random samples; elapsed mostly below 2048 ms with a tail up to 40 s; about 5 % failures. */
    static List<Sample> random(int n, long seed) {
        Random r = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        long t = 1_795_663_000_000L;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(3);
            String label = LABELS.get(r.nextInt(LABELS.size()));
            long elapsed = r.nextInt(20) == 0 ? 2_000 + r.nextInt(38_000) : r.nextInt(900);
            boolean success = r.nextInt(20) != 0;
            String failure = success ? "" : r.nextBoolean() ? "" : "expected \"ok\", got \"degraded,\nretry\"";
            samples.add(new Sample(t, elapsed, label, success, failure, Math.max(0, elapsed - r.nextInt(5)),
                    r.nextInt(4)));
        }
        return samples;
    }

    /** One CSV row with JMeter's quoting. */
    static String row(Sample s) {
        return s.start() + "," + s.elapsed() + "," + quote(s.label()) + "," + (s.success() ? "200,OK" : "500,"
                + "Internal Server Error") + ",Thread Group 1-1,text," + s.success() + "," + quote(s.failure())
                + ",100,50,1,1,http://127.0.0.1/x," + s.latency() + ",0," + s.connect();
    }

    static String quote(String field) {
        return field.contains(",") || field.contains("\"") || field.contains("\n")
                ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    static Path write(Path file, List<Sample> samples) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Sample s : samples) {
            sb.append(row(s)).append('\n');
        }
        return Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** Elapsed times of the matching samples, sorted. */
    static long[] sorted(List<Sample> samples, Predicate<Sample> filter) {
        return samples.stream().filter(filter).mapToLong(Sample::elapsed).sorted().toArray();
    }

    /** Commons Math's Percentile with EstimationType.LEGACY, as JMeter's report generator uses it. */
    static double legacy(long[] sorted, double p) {
        int n = sorted.length;
        double pos = p * (n + 1) / 100;
        if (pos < 1) {
            return sorted[0];
        }
        if (pos >= n) {
            return sorted[n - 1];
        }
        int k = (int) Math.floor(pos);
        double d = pos - k;
        return sorted[k - 1] + d * (sorted[k] - sorted[k - 1]);
    }

    static double mean(long[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
