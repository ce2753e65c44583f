package dev.qualitygate.kubernetes.internal;

import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kubernetes-job} tester: runs the load generator as a Kubernetes Job (one pod, or {@code parallelism}
 * pods for load beyond one machine), waits for it, and collects each pod's results file from its log. Internal;
 * not API.
 */
public final class JobTester implements Tester {
    private static final Logger log = LoggerFactory.getLogger(JobTester.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CONTAINER = "loadtest";

    private final KubernetesClient client;
    private final Settings settings;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * What the tester needs besides the client.
     *
     * @param namespace the namespace pattern, with {@code $PROJECT}, {@code $STAGE}, {@code $SERVICE}
     * @param image the load generator's image
     * @param command its command
     * @param env further environment variables
     * @param resultsFile where the command writes its results, inside the container
     * @param parallelism how many pods run at once
     * @param strategies the test strategies served
     * @param resultsDir where collected results are written, or {@code null} for a new temporary directory
     * @param keepJobs whether finished Jobs are kept
     * @param pollInterval how often the Job is checked
     */
    public record Settings(
            String namespace, String image, List<String> command, Map<String, String> env, String resultsFile,
            int parallelism, Set<String> strategies, @Nullable String resultsDir, boolean keepJobs,
            Duration pollInterval) {
    }

    /**
     * Creates the tester; it owns the client and closes it.
     *
     * @param client the client
     * @param settings the settings
     * @param clock the clock
     */
    public JobTester(KubernetesClient client, Settings settings, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Set<String> strategies() {
        return settings.strategies();
    }

    @Override
    public TestRunResult run(TestRunRequest request) {
        Objects.requireNonNull(request, "request");
        String namespace = KubernetesDeployer.fill(settings.namespace(), request.context());
        String name = jobName(request.context().service());
        String marker = "qualitygate-results-" + UUID.randomUUID();
        Instant created = clock.instant();
        String what = "load test job " + name + " in namespace " + namespace;
        try {
            client.batch().v1().jobs().inNamespace(namespace).resource(job(name, marker, request)).create();
            Job finished = await(namespace, name, Deadline.after(request.timeout(), clock));
            if (finished == null) {
                delete(namespace, name);
                return result(Verdict.FAIL, new TimeWindow(created, later(created, clock.instant())), null, List.of(),
                        what + " did not finish within " + Texts.duration(request.timeout()) + "; the Job was deleted");
            }
            TimeWindow window = window(finished, created);
            Collected collected = collect(namespace, name, marker);
            if (!settings.keepJobs()) {
                delete(namespace, name);
            }
            JobCondition failedCondition = condition(finished, "Failed");
            if (failedCondition != null) {
                return result(Verdict.FAIL, window, collected.file, collected.results, what + " failed: "
                        + failedCondition.getReason() + (failedCondition.getMessage() == null ? ""
                                : " (" + failedCondition.getMessage() + ")")
                        + (collected.problems.isEmpty() ? "" : "; " + String.join("; ", collected.problems)));
            }
            if (!collected.problems.isEmpty() || collected.file == null) {
                return result(Verdict.FAIL, window, collected.file, collected.results, what
                        + " succeeded, but its results could not be collected: "
                        + String.join("; ", collected.problems));
            }
            return result(Verdict.PASS, window, collected.file, collected.results, what + " succeeded");
        } catch (KubernetesClientException e) {
            return result(Verdict.FAIL, new TimeWindow(created, later(created, clock.instant())), null, List.of(),
                    what + " failed: " + KubernetesDeployer.apiError(e, namespace));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delete(namespace, name);
            return result(Verdict.FAIL, new TimeWindow(created, later(created, clock.instant())), null, List.of(),
                    what + " was interrupted; the Job was deleted");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "JobTester[image=" + settings.image() + ", namespace=" + settings.namespace() + "]";
    }

    private Job job(String name, String marker, TestRunRequest request) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("QG_TARGET", request.target() == null ? "" : request.target().toString(), null));
        env.add(new EnvVar("QG_PROJECT", request.context().project(), null));
        env.add(new EnvVar("QG_STAGE", request.context().stage(), null));
        env.add(new EnvVar("QG_SERVICE", request.context().service(), null));
        env.add(new EnvVar("QG_STRATEGY", request.strategy(), null));
        env.add(new EnvVar("QG_RESULTS_FILE", settings.resultsFile(), null));
        env.add(new EnvVar("QG_MARKER", marker, null));
        request.properties().forEach((k, v) -> {
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                env.add(new EnvVar("QG_PROP_" + k.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"),
                        v.toString(), null));
            }
        });
        settings.env().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", ResultsLog.WRAPPER, "qualitygate"));
        command.addAll(settings.command());
        String resultsDir = Path.of(settings.resultsFile()).getParent().toString();
        long deadlineSeconds = Math.max(1, (request.timeout().toMillis() + 999) / 1000);
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name)
                    .addToLabels(Keys.RUN, name)
                    .addToLabels(Keys.MANAGED_BY, Keys.QUALITYGATE)
                .endMetadata()
                .withNewSpec()
                    .withParallelism(settings.parallelism())
                    .withCompletions(settings.parallelism())
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(deadlineSeconds)
                    .withTtlSecondsAfterFinished(settings.keepJobs() ? null : 3600)
                    .withNewTemplate()
                        .withNewMetadata()
                            .addToLabels(Keys.RUN, name)
                            .addToLabels(Keys.MANAGED_BY, Keys.QUALITYGATE)
                        .endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(settings.image())
                                .withCommand(command)
                                .withEnv(env)
                                .addNewVolumeMount().withName("results").withMountPath(resultsDir).endVolumeMount()
                            .endContainer()
                            .addNewVolume().withName("results").withNewEmptyDir().endEmptyDir().endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** Polls until the Job is complete or failed; {@code null} when the deadline passes first. */
    private @Nullable Job await(String namespace, String name, Deadline deadline) throws InterruptedException {
        while (true) {
            Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
            if (job == null) {
                throw new KubernetesClientException("job " + name + " disappeared from namespace " + namespace);
            }
            if (condition(job, "Complete") != null || condition(job, "Failed") != null) {
                return job;
            }
            if (deadline.expired()) {
                return null;
            }
            deadline.sleep(settings.pollInterval());
        }
    }

    private record Collected(@Nullable Path file, List<String> results, List<String> problems) {
    }

    private Collected collect(String namespace, String name, String marker) {
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel(Keys.RUN, name).list().getItems();
        List<String> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Pod pod : pods) {
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                continue;
            }
            String podName = pod.getMetadata().getName();
            String logText = client.pods().inNamespace(namespace).withName(podName).getLog();
            ResultsLog parsed = ResultsLog.parse(logText == null ? "" : logText, marker);
            if (!parsed.found()) {
                problems.add("pod " + podName + ": no results in its log (no line \"<marker> begin\"; the log may "
                        + "have been rotated or the container did not run the wrapper)");
            } else if (parsed.results() == null) {
                problems.add("pod " + podName + " wrote no results file at " + settings.resultsFile()
                        + " (exit code " + parsed.exitCode() + (parsed.output().isBlank() ? ""
                                : "; last output: " + parsed.tail(5)) + ")");
            } else {
                results.add(parsed.results());
                if (parsed.exitCode() != 0) {
                    problems.add("pod " + podName + " exited with code " + parsed.exitCode()
                            + (parsed.output().isBlank() ? "" : "; last output: " + parsed.tail(5)));
                }
            }
        }
        if (pods.isEmpty()) {
            problems.add("no pods of the Job were found (label " + Keys.RUN + "=" + name + ")");
        }
        if (results.isEmpty()) {
            return new Collected(null, List.of(), problems);
        }
        return new Collected(write(name, results), results, problems);
    }

    private Path write(String name, List<String> results) {
        try {
            Path dir = settings.resultsDir() == null ? Files.createTempDirectory("qualitygate-" + name)
                    : Files.createDirectories(Path.of(settings.resultsDir()));
            String fileName = Path.of(settings.resultsFile()).getFileName().toString();
            Path merged = dir.resolve(results.size() == 1 ? fileName : name + "-" + fileName);
            Files.writeString(merged, join(results), StandardCharsets.UTF_8);
            return merged;
        } catch (IOException e) {
            throw new KubernetesClientException("cannot write the collected results: " + e.getMessage(), e);
        }
    }

    /** Joins results files; a first line that every file starts with (a CSV header) is kept once. */
    static String join(List<String> results) {
        if (results.size() == 1) {
            return results.get(0);
        }
        String header = firstLine(results.get(0));
        boolean shared = results.stream().allMatch(r -> firstLine(r).equals(header));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            String r = results.get(i);
            String body = shared && i > 0 ? r.substring(Math.min(r.length(), header.length() + 1)) : r;
            b.append(body);
            if (!body.isEmpty() && !body.endsWith("\n")) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private TestRunResult result(Verdict verdict, TimeWindow window, @Nullable Path file, List<String> results,
            String message) {
        JtlSummary summary = results.isEmpty() ? null : JtlSummary.of(join(results));
        String counted = summary == null
                ? (results.isEmpty() ? "" : "; the results are not JMeter CSV, so samples were not counted")
                : "; " + summary.samples() + " samples, " + summary.failed() + " failed";
        String where = file == null ? "" : "; results in " + file;
        log.debug("{}", message);
        return new TestRunResult(verdict, window, summary == null ? 0 : summary.samples(),
                summary == null ? 0 : summary.failed(), summary == null ? List.of() : summary.failures(), file,
                message + counted + where);
    }

    private void delete(String namespace, String name) {
        try {
            client.batch().v1().jobs().inNamespace(namespace).withName(name)
                    .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            log.warn("could not delete load test job {} in namespace {}: {}", name, namespace, e.getMessage());
        }
    }

    private TimeWindow window(Job job, Instant created) {
        Instant start = instant(job.getStatus().getStartTime(), created);
        JobCondition done = condition(job, "Complete");
        if (done == null) {
            done = condition(job, "Failed");
        }
        Instant end = instant(job.getStatus().getCompletionTime(),
                instant(done == null ? null : done.getLastTransitionTime(), clock.instant()));
        return new TimeWindow(start, later(start, end));
    }

    private static Instant later(Instant start, Instant end) {
        return end.isAfter(start) ? end : start.plusSeconds(1);
    }

    private static Instant instant(@Nullable String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static @Nullable JobCondition condition(Job job, String type) {
        if (job.getStatus() == null) {
            return null;
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst().orElse(null);
    }

    /** A DNS-label Job name: the service, {@code -loadtest-} and five random characters. */
    static String jobName(String service) {
        String base = service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40).replaceAll("-+$", "");
        }
        StringBuilder suffix = new StringBuilder();
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        for (int i = 0; i < 5; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return (base.isEmpty() ? "" : base + "-") + "loadtest-" + suffix;
    }
}
