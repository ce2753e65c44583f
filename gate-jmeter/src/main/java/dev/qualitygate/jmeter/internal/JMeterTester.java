package dev.qualitygate.jmeter.internal;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.TestProgress;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the workloads of a test strategy with JMeter, as Keptn's JMeter service did: the health check plan first
 * (when it exists; any failed sample fails the run before load is generated), then the strategy's plan. Success is
 * decided from the results file: a functional run fails on any failed sample, others when more samples fail than the
 * workload's accepted error rate, or the mean response time exceeds its limit; a plan that produced no sample, a
 * JMeter that could not run the plan, and a run stopped at its time limit fail too. Thread-safe: each run has its
 * own directory and process. Internal; not API.
 */
public final class JMeterTester implements Tester {
    private static final Logger log = LoggerFactory.getLogger(JMeterTester.class);
    private static final int FAILURE_MESSAGES = 10;

    /**
     * The resolved settings.
     *
     * @param directory the service directory with the plans
     * @param workloads strategy to workload
     * @param target the default target
     * @param home JMeter's home, or {@code null} to find it at run time
     * @param java the java executable
     * @param jvmArgs JMeter's JVM options
     * @param resultsRoot where runs put their files
     * @param properties extra JMeter properties
     * @param progressInterval how often progress is reported
     * @param clock the clock
     */
    public record Settings(Path directory, Map<String, Workload> workloads, @Nullable URI target, @Nullable Path home,
            Path java, List<String> jvmArgs, Path resultsRoot, Map<String, String> properties,
            Duration progressInterval, Clock clock) {
    }

    private final Settings settings;

    /** Creates the tester. */
    public JMeterTester(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Set<String> strategies() {
        Set<String> s = new LinkedHashSet<>(settings.workloads().keySet());
        s.remove(Workload.HEALTH_CHECK);
        return s;
    }

    @Override
    public TestRunResult run(TestRunRequest request) {
        return run(request, p -> {
        });
    }

    @Override
    public TestRunResult run(TestRunRequest request, Consumer<TestProgress> progress) {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        Clock clock = settings.clock();
        Instant start = clock.instant();
        Run run = new Run(start);
        String strategy = request.strategy();
        Workload main = settings.workloads().get(strategy);
        if (main == null) {
            return run.fail(clock, "no workload for test strategy '" + strategy + "'; known strategies: "
                    + strategies());
        }
        URI target = request.target() != null ? request.target() : settings.target();
        if (target == null || target.getHost() == null) {
            return run.fail(clock, "no target URL: the test request names none and the tester's setting 'target' is"
                    + " not set" + (target == null ? "" : " (" + target + " has no host)"));
        }
        Path home;
        try {
            home = settings.home() != null ? settings.home() : JMeterHome.assemble(
                    System.getProperty("java.class.path", ""), Path.of(System.getProperty("java.io.tmpdir")));
        } catch (JMeterHomeException e) {
            return run.fail(clock, e.getMessage());
        }
        Path dir = settings.resultsRoot().resolve(runName(request.context(), strategy, start));
        Workload check = settings.workloads().get(Workload.HEALTH_CHECK);
        if (check != null && Files.isRegularFile(settings.directory().resolve(check.script()))) {
            Verdict v = phase(run, check, request, target, home, dir, deadline, progress);
            if (v != Verdict.PASS) {
                return run.result(clock, "the health check failed, so no load was generated: " + run.reason);
            }
        } else {
            run.notes.add("no " + (check == null ? "health check" : check.script()) + ": health check skipped");
        }
        if (!Files.isRegularFile(settings.directory().resolve(main.script()))) {
            return run.fail(clock, "the plan " + main.script() + " of test strategy '" + strategy + "' is not in "
                    + settings.directory());
        }
        Verdict v = phase(run, main, request, target, home, dir, deadline, progress);
        return run.result(clock, v == Verdict.PASS ? "passed" : run.reason);
    }

    /** Runs one workload and judges it; returns PASS or FAIL and records counts, failures and the reason. */
    private Verdict phase(Run run, Workload w, TestRunRequest request, URI target, Path home, Path dir,
            long deadline, Consumer<TestProgress> progress) {
        String name = w.strategy().replaceAll("[^A-Za-z0-9._-]", "_");
        JMeterRun.Command command = new JMeterRun.Command(settings.java(), settings.jvmArgs(), home,
                settings.directory().resolve(w.script()).toAbsolutePath(), dir, name,
                properties(w, request, target, dir));
        JMeterRun.Outcome outcome;
        try {
            outcome = JMeterRun.run(command, deadline, settings.progressInterval(), w.strategy(), run.start,
                    settings.clock(), progress);
        } catch (IOException e) {
            run.reason = "JMeter could not be started: " + e;
            return Verdict.FAIL;
        }
        run.resultsFile = outcome.results();
        run.last = outcome.ended();
        JtlSummary summary = null;
        if (Files.exists(outcome.results())) {
            try {
                summary = JtlReader.read(outcome.results(), JtlReader.Format.CSV,
                        ReadOptions.defaults(1).withFailureMessages(FAILURE_MESSAGES));
            } catch (JtlException e) {
                run.reason = e.getMessage();
                return Verdict.FAIL;
            }
        }
        long samples = summary == null ? 0 : summary.rows();
        long failed = summary == null ? 0 : summary.errors(null) + failedParents(summary);
        run.samples += samples;
        run.failedSamples += failed;
        if (summary != null) {
            for (String f : summary.failures()) {
                if (run.failures.size() < FAILURE_MESSAGES) {
                    run.failures.add(f);
                }
            }
        }
        String what = w.strategy() + " (" + w.script() + ")";
        log.debug("{}: {} samples, {} failed, {}", what, samples, failed, outcome.end());
        switch (outcome.end()) {
            case TIMED_OUT:
                run.reason = what + " was stopped at the time limit of " + request.timeout() + " after " + samples
                        + " samples";
                return Verdict.FAIL;
            case INTERRUPTED:
                run.reason = what + " was stopped: the test run was interrupted";
                return Verdict.FAIL;
            case FAILED:
                run.reason = "JMeter could not run " + what + " (exit code " + outcome.exitCode() + "): "
                        + outcome.output();
                return Verdict.FAIL;
            default:
                break;
        }
        if (samples == 0) {
            run.reason = what + " ran no sample; see " + command.directory().resolve(name + ".log") + ". JMeter said: "
                    + outcome.output();
            return Verdict.FAIL;
        }
        if (w.zeroErrors() && failed > 0) {
            run.reason = what + ": " + failed + " of " + samples + " samples failed; a " + (w.strategy()
                    .equals(Workload.HEALTH_CHECK) ? "health check" : "functional test") + " accepts none";
            return Verdict.FAIL;
        }
        if (!w.zeroErrors() && failed > (long) Math.floor(w.acceptedErrorRate() * samples)) {
            run.reason = String.format(Locale.ROOT, "%s: %d of %d samples failed (%.2f %%), more than the accepted"
                    + " error rate of %s %%", what, failed, samples, failed * 100.0 / samples,
                    trim(w.acceptedErrorRate() * 100));
            return Verdict.FAIL;
        }
        if (w.averageResponseTimeLimit() > 0) {
            Query.Result mean = Query.parse("mean()").evaluate(summary);
            if (mean.failure() == null && mean.value() > w.averageResponseTimeLimit()) {
                run.reason = String.format(Locale.ROOT, "%s: the mean response time of %.1f ms is above the limit of"
                        + " %d ms", what, mean.value(), w.averageResponseTimeLimit());
                return Verdict.FAIL;
            }
        }
        return Verdict.PASS;
    }

    /** Failed transaction-controller parents, which {@link JtlSummary#errors} leaves out with no label condition. */
    private static long failedParents(JtlSummary s) {
        long n = 0;
        for (String label : s.labels()) {
            GroupStats[] g = s.groups(label);
            if (g != null && g[3] != null) {
                n += g[3].count;
            }
        }
        return n;
    }

    private Map<String, String> properties(Workload w, TestRunRequest request, URI target, Path dir) {
        Map<String, String> p = new LinkedHashMap<>();
        String scheme = target.getScheme() == null ? "http" : target.getScheme();
        int port = target.getPort() > 0 ? target.getPort() : scheme.equalsIgnoreCase("https") ? 443 : 80;
        p.put("PROTOCOL", scheme);
        p.put("SERVER_PROTOCOL", scheme);
        p.put("SERVER_URL", target.getHost());
        p.put("SERVER_PORT", Integer.toString(port));
        p.put("CHECK_PATH", target.getPath() == null || target.getPath().isEmpty() ? "/health" : target.getPath());
        p.put("DT_LTN", dir.getFileName().toString());
        p.put("VUCount", Integer.toString(w.virtualUsers()));
        p.put("LoopCount", Integer.toString(w.loops()));
        p.put("ThinkTime", Integer.toString(w.thinkTimeMillis()));
        EvaluationContext c = request.context();
        p.put("KEPTN_PROJECT", c.project());
        p.put("KEPTN_STAGE", c.stage());
        p.put("KEPTN_SERVICE", c.service());
        p.put("KEPTN_TESTSTRATEGY", request.strategy());
        p.putAll(w.properties());
        p.putAll(settings.properties());
        return p;
    }

    private static String runName(EvaluationContext c, String strategy, Instant start) {
        List<String> parts = new ArrayList<>();
        for (String s : List.of(c.project(), c.service(), c.stage(), strategy)) {
            if (!s.isEmpty()) {
                parts.add(s.replaceAll("[^A-Za-z0-9._-]", "_"));
            }
        }
        parts.add(Long.toString(start.toEpochMilli()));
        return String.join("_", parts);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** What the phases of one run found so far. */
    private static final class Run {
        final Instant start;
        Instant last;
        long samples;
        long failedSamples;
        final List<String> failures = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        @Nullable Path resultsFile;
        String reason = "";

        Run(Instant start) {
            this.start = start;
            this.last = start;
        }

        TestRunResult fail(Clock clock, String why) {
            reason = why;
            return result(clock, why, Verdict.FAIL);
        }

        TestRunResult result(Clock clock, String message) {
            return result(clock, message, reason.isEmpty() ? Verdict.PASS : Verdict.FAIL);
        }

        private TestRunResult result(Clock clock, String message, Verdict verdict) {
            Instant end = last.isAfter(start) ? last : clock.instant();
            TimeWindow window = new TimeWindow(start, end.isAfter(start) ? end : start.plusMillis(1));
            String summary = samples + " samples, " + failedSamples + " failed: " + message
                    + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
            return new TestRunResult(verdict, window, samples, failedSamples, failures, resultsFile, summary);
        }
    }
}
