package dev.qualitygate.jdbc;

import static dev.qualitygate.jdbc.Evaluations.CARTS;
import static dev.qualitygate.jdbc.Evaluations.ORDERS;

import dev.qualitygate.error.StoreException;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Verdict;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The main class of the child JVMs of {@link JdbcEvaluationStoreConcurrencyTest}: several threads that each, until
 * the time is up, do what an evaluation does with the store: read a baseline with a random filter from one of two
 * histories, then append a result with a random verdict that names the filter (label {@value #FILTER}) and the
 * baseline (compared events, newest first).
 *
 * <p>Arguments: {@code url name threads millis}. Prints {@code READY}, waits for a line on standard input, prints
 * {@code OK <id>;} for each append that returned, and {@code DONE} at the end; on a {@link StoreException} it prints
 * {@code FAILED <id>;} and exits with status 2.
 */
final class BaselineWorker {
    static final String FILTER = "filter";
    static final int BASELINE_SIZE = 3;
    static final List<HistoryKey> KEYS = List.of(CARTS, ORDERS);

    private BaselineWorker() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String name = args[1];
        int threads = Integer.parseInt(args[2]);
        long millis = Long.parseLong(args[3]);
        try (JdbcEvaluationStore store = JdbcEvaluationStore.builder().url(args[0]).build()) {
            store.recent(CARTS, ResultFilter.ALL, 1);
            out.println("READY");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            long deadline = System.nanoTime() + millis * 1_000_000;
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = name + "-t" + t + "-";
                Thread thread = new Thread(() -> work(store, prefix, deadline, out), prefix);
                thread.start();
                running.add(thread);
            }
            for (Thread thread : running) {
                thread.join();
            }
        }
        out.println("DONE");
    }

    private static void work(JdbcEvaluationStore store, String prefix, long deadline, PrintStream out) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            HistoryKey key = KEYS.get(random.nextInt(KEYS.size()));
            ResultFilter filter = ResultFilter.values()[random.nextInt(ResultFilter.values().length)];
            String id = prefix + i;
            try {
                List<EvaluationResult> baseline = store.recent(key, filter, BASELINE_SIZE);
                List<String> compared = new ArrayList<>();
                for (int b = baseline.size() - 1; b >= 0; b--) {
                    compared.add(baseline.get(b).id());
                }
                Verdict verdict = Verdict.values()[random.nextInt(Verdict.values().length)];
                store.append(Evaluations.result(key, id, verdict, Map.of(FILTER, filter.name()), compared));
            } catch (StoreException e) {
                e.printStackTrace();
                out.println("FAILED " + id + ";");
                System.exit(2);
            }
            out.println("OK " + id + ";");
        }
    }
}
