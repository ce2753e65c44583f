package dev.qualitygate.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * fabric8's mock API server in CRUD mode, plus the controllers it lacks, played by a background thread: it writes
 * Deployment status and creates their pods the way the behaviour chosen for their image says, and runs Jobs by
 * creating their pods, setting Job status and stubbing the pods' logs. The mock's traps are handled on purpose: no
 * server-side apply (the code under test is configured with {@code apply: update}), no strategic merge patch (the
 * code never sends one), and an unstubbed pod log answers HTTP 200 with a JSON list of the whole store (a Job run can
 * leave its log unstubbed to show that the tester does not take that for results).
 */
final class FakeCluster implements AutoCloseable {

    /** How the fake deployment controller treats a Deployment whose pods run an image. */
    enum Rollout {
        /** Every replica becomes ready and available. */
        READY,
        /** The pods crash again and again: {@code CrashLoopBackOff} with 5 restarts, last exit code 1. */
        CRASH_LOOP,
        /** The Deployment reports {@code Progressing=False} with reason {@code ProgressDeadlineExceeded}. */
        STALL,
        /** The pods run but never become ready, and nothing else happens. */
        NEVER_READY
    }

    /**
     * What a Job's pods do.
     *
     * @param succeeded whether the command exits 0
     * @param output what the command prints
     * @param results the results file it writes, or {@code null} for none
     * @param stubLog whether the pods' logs are stubbed (otherwise the mock's trap answer is served)
     * @param finishes whether the Job ends at all
     */
    record JobRun(boolean succeeded, String output, @Nullable String results, boolean stubLog, boolean finishes) {
        static JobRun succeeding(String output, String results) {
            return new JobRun(true, output, results, true, true);
        }

        static JobRun failing(String output) {
            return new JobRun(false, output, null, true, true);
        }
    }

    /** The mock server logs every request at INFO; kept here so that the level set stays. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    private final Map<String, JobRun> jobs = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Thread controllers;
    private volatile boolean running = true;
    private volatile @Nullable RuntimeException failure;

    private FakeCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = ownClient();
        controllers = new Thread(this::loop, "fake-kubernetes-controllers");
        controllers.setDaemon(true);
        controllers.start();
    }

    static FakeCluster start() {
        return new FakeCluster();
    }

    /** The API server's URL. */
    String url() {
        return server.url("/");
    }

    /** A new client of the mock, on the JDK HTTP client as in production; the caller closes it. */
    KubernetesClient newClient() {
        return client(Map.of());
    }

    /** A client whose requests {@link #requests()} leaves out. */
    private KubernetesClient ownClient() {
        return client(Map.of("X-Fake", "fake-controllers"));
    }

    private KubernetesClient client(Map<String, String> headers) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withRequestTimeout(10_000)
                .withCustomHeaders(headers).build();
        return new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).withConfig(config)
                .build();
    }

    /** A client for the tests' assertions; {@link #requests()} leaves its requests out. */
    KubernetesClient client() {
        return client;
    }

    void onImage(String image, Rollout rollout) {
        rollouts.put(image, rollout);
    }

    void onJobImage(String image, JobRun run) {
        jobs.put(image, run);
    }

    /**
     * Every request the server received so far except the fake controllers' own, in order; drains the server's queue.
     */
    List<RecordedRequest> requests() throws InterruptedException {
        RecordedRequest r;
        while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            if (!"fake-controllers".equals(r.getHeader("X-Fake"))) {
                requests.add(r);
            }
        }
        return List.copyOf(requests);
    }

    /**
     * Stops the controllers and the server.
     *
     * @throws AssertionError if the controllers met an error other than a write race
     */
    @Override
    public void close() {
        running = false;
        try {
            controllers.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        server.destroy();
        if (failure != null) {
            throw new AssertionError("the fake controllers failed", failure);
        }
    }

    private void loop() {
        try (KubernetesClient own = ownClient()) {
            while (running) {
                try {
                    List<Deployment> deployments = own.apps().deployments().inAnyNamespace().list().getItems();
                    for (Deployment d : deployments) {
                        reconcile(own, d);
                    }
                    collectGarbage(own, deployments);
                    for (Job j : own.batch().v1().jobs().inAnyNamespace().list().getItems()) {
                        run(own, j);
                    }
                } catch (KubernetesClientException e) {
                    // An object changed or vanished between reading and writing: the next round sees the news.
                } catch (RuntimeException e) {
                    failure = e;
                    return;
                }
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void reconcile(KubernetesClient own, Deployment d) {
        long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        DeploymentStatus old = d.getStatus();
        if (old != null && old.getObservedGeneration() != null && old.getObservedGeneration() == generation) {
            return;
        }
        String ns = d.getMetadata().getNamespace();
        String name = d.getMetadata().getName();
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        Rollout behaviour = Rollout.READY;
        for (var c : d.getSpec().getTemplate().getSpec().getContainers()) {
            Rollout r = rollouts.getOrDefault(c.getImage(), Rollout.READY);
            if (r.ordinal() > behaviour.ordinal()) {
                behaviour = r;
            }
        }
        String hash = Integer.toHexString(own.getKubernetesSerialization().asJson(d.getSpec().getTemplate())
                .hashCode() & 0xfffffff);
        DeploymentStatus status;
        if (behaviour == Rollout.STALL) {
            status = status(generation, n(old == null ? null : old.getReplicas()), 0,
                    n(old == null ? null : old.getAvailableReplicas()),
                    condition("Progressing", "False", "ProgressDeadlineExceeded",
                            "ReplicaSet \"" + name + "-" + hash + "\" has timed out progressing."));
        } else {
            boolean ready = behaviour == Rollout.READY;
            replacePods(own, ns, name, hash, desired, d, behaviour);
            status = status(generation, desired, desired, ready ? desired : 0,
                    condition("Progressing", "True", ready ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                            "ReplicaSet \"" + name + "-" + hash + "\" is progressing."));
        }
        own.apps().deployments().inNamespace(ns).withName(name).editStatus(x -> {
            x.setStatus(status);
            return x;
        });
    }

    private static DeploymentStatus status(long generation, int replicas, int updated, int available,
            DeploymentCondition progressing) {
        return new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                .withUpdatedReplicas(updated).withReadyReplicas(available).withAvailableReplicas(available)
                .withConditions(progressing).build();
    }

    private static DeploymentCondition condition(String type, String status, String reason, String message) {
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).build();
    }

    /** Replaces the Deployment's pods by {@code replicas} pods of the current template. */
    private static void replacePods(KubernetesClient own, String ns, String owner, String hash, int replicas,
            Deployment d, Rollout behaviour) {
        Set<String> kept = new HashSet<>();
        for (Pod p : own.pods().inNamespace(ns).withLabel("fake-owner", owner).list().getItems()) {
            String podHash = p.getMetadata().getLabels().get("pod-template-hash");
            int index = Integer.parseInt(p.getMetadata().getLabels().get("fake-index"));
            if (!hash.equals(podHash) || index >= replicas) {
                own.pods().inNamespace(ns).withName(p.getMetadata().getName()).delete();
            } else {
                kept.add(p.getMetadata().getName());
            }
        }
        for (int i = 0; i < replicas; i++) {
            String podName = owner + "-" + hash + "-" + i;
            if (kept.contains(podName)) {
                continue;
            }
            Map<String, String> labels = new HashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
            labels.put("pod-template-hash", hash);
            labels.put("fake-owner", owner);
            labels.put("fake-index", Integer.toString(i));
            List<ContainerStatus> statuses = new ArrayList<>();
            for (var c : d.getSpec().getTemplate().getSpec().getContainers()) {
                ContainerStatusBuilder s = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                        .withReady(behaviour == Rollout.READY);
                if (behaviour == Rollout.CRASH_LOOP) {
                    s.withRestartCount(5)
                            .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                            .withMessage("back-off 2m40s restarting failed container").endWaiting().endState()
                            .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                            .endTerminated().endLastState();
                } else {
                    s.withRestartCount(0).withNewState().withNewRunning().endRunning().endState();
                }
                statuses.add(s.build());
            }
            Pod pod = new PodBuilder()
                    .withNewMetadata().withName(podName).withNamespace(ns).withLabels(labels).endMetadata()
                    .withSpec(d.getSpec().getTemplate().getSpec())
                    .withNewStatus().withPhase("Running").withContainerStatuses(statuses).endStatus()
                    .build();
            own.pods().inNamespace(ns).resource(pod).create();
        }
    }

    /** Deletes the pods of Deployments that no longer exist (the mock cascades no deletion). */
    private static void collectGarbage(KubernetesClient own, List<Deployment> deployments) {
        Set<String> live = new HashSet<>();
        deployments.forEach(d -> live.add(d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()));
        for (Pod p : own.pods().inAnyNamespace().withLabel("fake-owner").list().getItems()) {
            String ns = p.getMetadata().getNamespace();
            if (!live.contains(ns + "/" + p.getMetadata().getLabels().get("fake-owner"))) {
                own.pods().inNamespace(ns).withName(p.getMetadata().getName()).delete();
            }
        }
    }

    private void run(KubernetesClient own, Job job) {
        if (job.getStatus() != null && job.getStatus().getStartTime() != null) {
            return;
        }
        String ns = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        JobRun run = jobs.get(container.getImage());
        if (run == null) {
            throw new IllegalStateException("no JobRun registered for image " + container.getImage());
        }
        String marker = container.getEnv().stream().filter(e -> e.getName().equals("QG_MARKER"))
                .map(EnvVar::getValue).findFirst().orElse("");
        int pods = job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < (run.finishes() ? pods : 0); i++) {
            String podName = name + "-" + i + "-x" + i;
            Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
            labels.put("job-name", name);
            labels.put("batch.kubernetes.io/job-name", name);
            labels.put("controller-uid", job.getMetadata().getUid());
            labels.put("batch.kubernetes.io/controller-uid", job.getMetadata().getUid());
            int exit = run.succeeded() ? 0 : 3;
            Pod pod = new PodBuilder()
                    .withNewMetadata().withName(podName).withNamespace(ns).withLabels(labels)
                        .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(name)
                        .withUid(job.getMetadata().getUid()).withController(true).endOwnerReference()
                    .endMetadata()
                    .withSpec(job.getSpec().getTemplate().getSpec())
                    .withNewStatus().withPhase(run.succeeded() ? "Succeeded" : "Failed")
                        .addNewContainerStatus().withName(container.getName()).withImage(container.getImage())
                            .withNewState().withNewTerminated().withExitCode(exit)
                            .withReason(run.succeeded() ? "Completed" : "Error").endTerminated().endState()
                        .endContainerStatus()
                    .endStatus()
                    .build();
            own.pods().inNamespace(ns).resource(pod).create();
            if (run.stubLog()) {
                String results = run.results() == null ? null : run.results().replace("$POD", podName);
                String log = run.output() + marker + " begin " + exit + "\n"
                        + (results == null ? marker + " missing\n" : results + "\n" + marker + " end\n");
                server.expect().get().withPath("/api/v1/namespaces/" + ns + "/pods/" + podName + "/log?pretty=false")
                        .andReturn(200, log).always();
            }
        }
        JobStatusBuilder status = new JobStatusBuilder().withStartTime(start.toString());
        if (run.finishes()) {
            Instant end = start.plusSeconds(7);
            if (run.succeeded()) {
                status.withSucceeded(pods).withCompletionTime(end.toString()).addToConditions(
                        new JobConditionBuilder().withType("Complete").withStatus("True")
                                .withLastTransitionTime(end.toString()).build());
            } else {
                status.withFailed(pods).addToConditions(new JobConditionBuilder().withType("Failed")
                        .withStatus("True").withReason("BackoffLimitExceeded")
                        .withMessage("Job has reached the specified backoff limit")
                        .withLastTransitionTime(end.toString()).build());
            }
        }
        own.batch().v1().jobs().inNamespace(ns).withName(name).editStatus(x -> {
            x.setStatus(status.build());
            return x;
        });
    }

    private static int n(@Nullable Integer i) {
        return i == null ? 0 : i;
    }
}
