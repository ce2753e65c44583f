package dev.qualitygate.kubernetes.internal;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Follows a Deployment's rollout the way {@code kubectl rollout status} does, and also watches its new pods: the
 * rollout is complete when the controller has observed the latest generation and every desired replica is updated
 * and available with no old replica left; it has failed when the Deployment reports {@code ProgressDeadlineExceeded}
 * or a new pod is crash-looping or cannot pull its image; otherwise it times out at the deadline. Polls; the mock
 * API server in the tests answers polls exactly as a cluster does. Internal; not API.
 */
final class Rollouts {
    private static final Set<String> IMAGE_FAILURES = Set.of("ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull");

    private final KubernetesClient client;
    private final Duration pollInterval;
    private final int crashLoopRestarts;

    Rollouts(KubernetesClient client, Duration pollInterval, int crashLoopRestarts) {
        this.client = client;
        this.pollInterval = pollInterval;
        this.crashLoopRestarts = crashLoopRestarts;
    }

    /**
     * Polls the Deployment until its rollout is complete, failed or the deadline passes.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    Rollout follow(String namespace, String name, Deadline deadline) throws InterruptedException {
        String what = "deployment " + name + " in namespace " + namespace;
        while (true) {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
            if (d == null) {
                return new Rollout(Rollout.State.FAILED, what + " does not exist", 0, 0);
            }
            int desired = desired(d);
            DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
            int available = n(s.getAvailableReplicas());
            DeploymentCondition stalled = condition(s, "Progressing");
            if (stalled != null && "False".equals(stalled.getStatus())
                    && "ProgressDeadlineExceeded".equals(stalled.getReason())) {
                return new Rollout(Rollout.State.FAILED, "rollout of " + what + " failed: ProgressDeadlineExceeded"
                        + (stalled.getMessage() == null ? "" : " (" + stalled.getMessage() + ")")
                        + "; " + progress(d, s), available, desired);
            }
            List<Pod> pods = newPods(namespace, d);
            String podFailure = podFailure(pods);
            if (podFailure != null) {
                return new Rollout(Rollout.State.FAILED, "rollout of " + what + " failed: " + podFailure, available,
                        desired);
            }
            String waiting = waitingFor(d, s);
            if (waiting == null) {
                return new Rollout(Rollout.State.COMPLETE, what + " rolled out: " + available + " of " + desired
                        + " replicas available", available, desired);
            }
            if (deadline.expired()) {
                String podStates = podStates(pods);
                return new Rollout(Rollout.State.TIMED_OUT, "rollout of " + what + " did not complete within "
                        + deadline.describe() + ": " + waiting + (podStates.isEmpty() ? "" : "; " + podStates),
                        available, desired);
            }
            deadline.sleep(pollInterval);
        }
    }

    static int desired(Deployment d) {
        Integer r = d.getSpec() == null ? null : d.getSpec().getReplicas();
        return r == null ? 1 : r;
    }

    /** What the rollout still waits for, or {@code null} when it is complete. */
    private static @Nullable String waitingFor(Deployment d, DeploymentStatus s) {
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        Long observed = s.getObservedGeneration();
        if (observed == null || observed < generation) {
            return "the deployment controller has not yet observed generation " + generation;
        }
        int desired = desired(d);
        int updated = n(s.getUpdatedReplicas());
        if (updated < desired) {
            return updated + " of " + desired + " replicas updated";
        }
        int total = n(s.getReplicas());
        if (total > updated) {
            return (total - updated) + " old replicas pending termination";
        }
        if (n(s.getAvailableReplicas()) < updated) {
            return n(s.getAvailableReplicas()) + " of " + updated + " updated replicas available";
        }
        return null;
    }

    private static String progress(Deployment d, DeploymentStatus s) {
        return n(s.getUpdatedReplicas()) + " of " + desired(d) + " replicas updated, "
                + n(s.getAvailableReplicas()) + " available";
    }

    private List<Pod> newPods(String namespace, Deployment d) {
        Map<String, String> selector = d.getSpec().getSelector() == null ? null
                : d.getSpec().getSelector().getMatchLabels();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        Map<String, String> images = images(d);
        List<Pod> pods = new ArrayList<>();
        for (Pod p : client.pods().inNamespace(namespace).withLabels(selector).list().getItems()) {
            if (p.getMetadata().getDeletionTimestamp() == null && p.getSpec() != null) {
                Map<String, String> podImages = new LinkedHashMap<>();
                p.getSpec().getContainers().forEach(c -> podImages.put(c.getName(), c.getImage()));
                if (podImages.equals(images)) {
                    pods.add(p);
                }
            }
        }
        return pods;
    }

    static Map<String, String> images(Deployment d) {
        Map<String, String> images = new LinkedHashMap<>();
        d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> images.put(c.getName(), c.getImage()));
        return images;
    }

    private @Nullable String podFailure(List<Pod> pods) {
        for (Pod p : pods) {
            for (ContainerStatus c : statuses(p)) {
                ContainerState state = c.getState();
                if (state == null || state.getWaiting() == null) {
                    continue;
                }
                String reason = Objects.toString(state.getWaiting().getReason(), "");
                int restarts = n(c.getRestartCount());
                if ("CrashLoopBackOff".equals(reason) && restarts >= crashLoopRestarts) {
                    return "pod " + p.getMetadata().getName() + " is crash-looping: container " + c.getName()
                            + " restarted " + restarts + " times" + lastExit(c);
                }
                if (IMAGE_FAILURES.contains(reason)) {
                    String message = state.getWaiting().getMessage();
                    return "pod " + p.getMetadata().getName() + " cannot start container " + c.getName() + ": "
                            + reason + (message == null ? "" : " (" + message + ")");
                }
            }
        }
        return null;
    }

    private static String lastExit(ContainerStatus c) {
        ContainerStateTerminated t = c.getLastState() == null ? null : c.getLastState().getTerminated();
        if (t == null) {
            return "";
        }
        return "; last exit code " + t.getExitCode() + (t.getReason() == null ? "" : " (" + t.getReason() + ")")
                + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String podStates(List<Pod> pods) {
        List<String> states = new ArrayList<>();
        for (Pod p : pods) {
            for (ContainerStatus c : statuses(p)) {
                if (c.getState() != null && c.getState().getWaiting() != null) {
                    states.add("pod " + p.getMetadata().getName() + " waiting: "
                            + c.getState().getWaiting().getReason());
                } else if (Boolean.FALSE.equals(c.getReady())) {
                    states.add("pod " + p.getMetadata().getName() + " not ready");
                }
            }
        }
        return String.join(", ", states);
    }

    private static List<ContainerStatus> statuses(Pod p) {
        if (p.getStatus() == null) {
            return List.of();
        }
        List<ContainerStatus> all = new ArrayList<>(p.getStatus().getInitContainerStatuses());
        all.addAll(p.getStatus().getContainerStatuses());
        return all;
    }

    private static @Nullable DeploymentCondition condition(DeploymentStatus s, String type) {
        return s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static int n(@Nullable Integer i) {
        return i == null ? 0 : i;
    }
}
