import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a synthetic CSV JTL with JMeter 5.6.3's default columns and header, for the aggregation benchmark.
 *
 * <p>Rows are spread over 8 labels by weight (one label contains a comma); elapsed times are log-normal per label
 * (medians 8-250 ms, sigma 0.3-1.0) with a 0.5 % slow tail (x5-x20); about 1 % of the rows fail in four kinds: HTTP
 * 500 with an empty failure message, an assertion failure whose message has commas and doubled quotes (one in ten
 * of them spans two lines), a socket timeout with a non-numeric response code and 10-30 s elapsed, and a 503 with
 * JMeter's duration-assertion text. Arrivals are Poisson at 2,000/s; timeStamp is the start. Fixed seed.
 *
 * <p>Usage: {@code java bench/JtlGenerator.java ROWS FILE [SEED]}
 */
public final class JtlGenerator {
    private static final String[] LABELS = {"GET /api/products", "GET /api/products/{id}", "POST /api/cart",
        "GET /api/cart", "POST /api/checkout", "Login, step 1", "GET /static/app.js", "GET /api/recommendations"};
    private static final int[] WEIGHTS = {30, 20, 12, 10, 5, 8, 10, 5};
    private static final double[] MEDIANS = {25, 15, 60, 20, 250, 120, 8, 180};
    private static final double[] SIGMAS = {0.4, 0.3, 0.5, 0.4, 0.8, 0.6, 0.3, 1.0};
    private static final String[] PATHS = {"/api/products", "/api/products/4711", "/api/cart", "/api/cart",
        "/api/checkout", "/login", "/static/app.js", "/api/recommendations"};

    public static void main(String[] args) throws IOException {
        long rows = Long.parseLong(args[0]);
        Path file = Path.of(args[1]);
        SplittableRandom random = new SplittableRandom(args.length > 2 ? Long.parseLong(args[2]) : 42);
        int totalWeight = 0;
        for (int w : WEIGHTS) {
            totalWeight += w;
        }
        byte[][] quotedLabels = new byte[LABELS.length][];
        for (int i = 0; i < LABELS.length; i++) {
            String l = LABELS[i];
            quotedLabels[i] = (l.contains(",") ? "\"" + l + "\"" : l).getBytes(StandardCharsets.UTF_8);
        }
        double t = 1_795_663_000_000.0;
        StringBuilder sb = new StringBuilder(256);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(("timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
                    + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (long r = 0; r < rows; r++) {
                t += -Math.log(1 - random.nextDouble()) * 0.5;
                int pick = random.nextInt(totalWeight);
                int label = 0;
                while (pick >= WEIGHTS[label]) {
                    pick -= WEIGHTS[label];
                    label++;
                }
                double elapsed = MEDIANS[label] * Math.exp(SIGMAS[label] * random.nextGaussian());
                if (random.nextInt(200) == 0) {
                    elapsed *= 5 + random.nextDouble() * 15;
                }
                String code = "200";
                String message = "OK";
                String failure = "";
                boolean success = true;
                if (random.nextInt(100) == 0) {
                    success = false;
                    switch (random.nextInt(4)) {
                        case 0:
                            code = "500";
                            message = "Internal Server Error";
                            break;
                        case 1:
                            failure = random.nextInt(10) == 0
                                    ? "\"Test failed: text expected to contain /\"\"status\"\": \"\"ok\"\"/,\n"
                                            + "got \"\"degraded, retry\"\".\""
                                    : "\"Test failed: text expected to contain /\"\"status\"\": \"\"ok\"\"/, got"
                                            + " \"\"degraded, retry\"\".\"";
                            break;
                        case 2:
                            code = "Non HTTP response code: java.net.SocketTimeoutException";
                            message = "Non HTTP response message: Read timed out";
                            elapsed = 10_000 + random.nextDouble() * 20_000;
                            break;
                        default:
                            code = "503";
                            message = "Service Unavailable";
                            int took = 2_000 + random.nextInt(3_000);
                            failure = "\"The operation lasted too long: It took " + String.format("%,d", took)
                                    + " milliseconds, but should not have lasted longer than 2,000 milliseconds.\"";
                            break;
                    }
                }
                long e = Math.max(0, Math.round(elapsed));
                long latency = Math.max(0, e - random.nextInt(3));
                int thread = 1 + random.nextInt(40);
                sb.setLength(0);
                sb.append((long) t).append(',').append(e).append(',');
                out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(quotedLabels[label]);
                sb.setLength(0);
                sb.append(',').append(code).append(',').append(message).append(",Thread Group 1-").append(thread)
                        .append(",text,").append(success).append(',').append(failure).append(',')
                        .append(success ? 1_000 + random.nextInt(9_000) : 125).append(',')
                        .append(120 + random.nextInt(40)).append(",40,40,http://127.0.0.1:18080")
                        .append(PATHS[label]).append(',').append(latency).append(',').append(0).append(',')
                        .append(random.nextInt(8) == 0 ? random.nextInt(5) : 0).append('\n');
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
