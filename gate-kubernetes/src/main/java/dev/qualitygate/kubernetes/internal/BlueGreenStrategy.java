package dev.qualitygate.kubernetes.internal;

import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.StepEvaluator;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code blue_green_service}: the new version runs beside the live one as a second Deployment ({@code <name>-blue} or
 * {@code <name>-green}), reachable through {@code <service>-preview}; release switches the Service's selector to it
 * and scales the old one to zero, keeping it for rollback; rollback switches back. Which colour is live is read from
 * the Service's selector, so release and rollback work from another process. Internal; not API.
 */
final class BlueGreenStrategy implements Strategy {
    static final String BLUE = "blue";
    static final String GREEN = "green";

    @Override
    public DeploymentResult deploy(Operation op, @Nullable StepEvaluator evaluator) throws InterruptedException {
        Names n = names(op);
        Service live = op.workloads().service(n.service);
        String liveColor = color(live);
        String color = BLUE.equals(liveColor) ? GREEN : BLUE;
        Deployment candidate = op.manifestDeployment();
        int replicas = op.intProperty("replicas", Rollouts.desired(candidate));
        candidate.getMetadata().setName(n.deployment(color));
        candidate.getSpec().setReplicas(replicas);
        Workloads.labelEverywhere(candidate, Keys.COLOR, color);
        Images.set(candidate, op.artifact(), op.request().properties(), op.service());
        Workloads.annotateLocal(candidate, Keys.ARTIFACT, op.artifact());
        Workloads.annotateLocal(candidate, Keys.REPLICAS, Integer.toString(replicas));

        op.workloads().applyAll(op.manifests().except(op.manifests().deployment(op.service()), n.manifestService));
        op.workloads().apply(candidate);
        Service preview = preview(op, n, color);
        op.workloads().apply(preview);
        Rollout rollout = op.workloads().follow(candidate.getMetadata().getName(), op.deadline());

        Map<String, String> details = new LinkedHashMap<>();
        details.put("deployment", candidate.getMetadata().getName());
        details.put("color", color);
        details.put("liveColor", liveColor == null ? "" : liveColor);
        details.put("replicas", rollout.available() + "/" + rollout.desired());
        String liveText = liveColor == null ? "service " + n.service + " is switched to it on release"
                : "service " + n.service + " still selects " + liveColor + " ("
                        + Workloads.artifact(op.workloads().deployment(n.deployment(liveColor))) + ")";
        if (!rollout.complete()) {
            return op.result(Verdict.FAIL, rollout.message() + "; " + liveText, null, details);
        }
        return op.result(Verdict.PASS, "deployed " + op.artifact() + " as " + color + " beside the live version; "
                + liveText + "; the new version answers at " + preview.getMetadata().getName() + ": "
                + rollout.message(), op.workloads().url(preview).orElse(null), details);
    }

    @Override
    public DeploymentResult release(Operation op) {
        Names n = names(op);
        Service live = op.workloads().service(n.service);
        String liveColor = color(live);
        String color = colorRunning(op, n, liveColor);
        if (color == null) {
            return DeploymentResult.fail("nothing to release: neither " + n.deployment(BLUE) + " nor "
                    + n.deployment(GREEN) + " in namespace " + op.namespace() + " runs " + op.artifact());
        }
        if (color.equals(liveColor)) {
            return DeploymentResult.pass(op.artifact() + " is already live: service " + n.service + " selects "
                    + color);
        }
        Service desired = op.workloads().copy(n.manifestService);
        desired.getSpec().setSelector(Workloads.plus(desired.getSpec().getSelector(), Keys.COLOR, color));
        op.workloads().apply(desired);
        String old = other(color);
        Deployment oldDeployment = op.workloads().deployment(n.deployment(old));
        String oldText = "";
        if (oldDeployment != null) {
            int replicas = Rollouts.desired(oldDeployment);
            if (replicas > 0) {
                op.workloads().annotate(n.deployment(old), Map.of(Keys.REPLICAS, Integer.toString(replicas)));
            }
            op.workloads().scale(n.deployment(old), 0);
            oldText = "; " + old + " (" + Workloads.artifact(oldDeployment) + ") scaled to 0 and kept for rollback";
        }
        return op.result(Verdict.PASS, "switched service " + n.service + " to " + color + " (" + op.artifact() + ")"
                + oldText, op.workloads().url(desired).orElse(null), Map.of("color", color));
    }

    @Override
    public DeploymentResult rollback(Operation op) throws InterruptedException {
        Names n = names(op);
        String liveColor = color(op.workloads().service(n.service));
        String color = colorRunning(op, n, liveColor);
        if (color == null) {
            return DeploymentResult.pass("nothing to roll back: neither " + n.deployment(BLUE) + " nor "
                    + n.deployment(GREEN) + " in namespace " + op.namespace() + " runs " + op.artifact());
        }
        String old = other(color);
        Deployment oldDeployment = op.workloads().deployment(n.deployment(old));
        String oldArtifact = Workloads.artifact(oldDeployment);
        if (!color.equals(liveColor)) {
            op.workloads().scale(n.deployment(color), 0);
            if (liveColor != null && op.workloads().service(n.preview()) != null) {
                op.workloads().select(n.preview(), Keys.COLOR, liveColor);
            }
            return DeploymentResult.pass("discarded " + op.artifact() + " (" + color + ", scaled to 0); "
                    + (liveColor == null ? "no version of " + n.service + " was live"
                            : "service " + n.service + " stays on " + liveColor + " (" + oldArtifact + ")"));
        }
        if (oldDeployment == null) {
            return DeploymentResult.fail("cannot roll back " + op.artifact() + ": no previous version of "
                    + n.service + " is kept (" + n.deployment(old) + " does not exist in namespace "
                    + op.namespace() + ")");
        }
        String recorded = Workloads.annotation(oldDeployment, Keys.REPLICAS);
        int replicas = recorded == null ? Math.max(1, Rollouts.desired(oldDeployment)) : Integer.parseInt(recorded);
        op.workloads().scale(n.deployment(old), replicas);
        Rollout rollout = op.workloads().follow(n.deployment(old), op.deadline());
        if (!rollout.complete()) {
            return DeploymentResult.fail("rollback to " + oldArtifact + " failed: " + rollout.message()
                    + "; service " + n.service + " still selects " + color + " (" + op.artifact() + ")");
        }
        op.workloads().select(n.service, Keys.COLOR, old);
        if (op.workloads().service(n.preview()) != null) {
            op.workloads().select(n.preview(), Keys.COLOR, old);
        }
        op.workloads().scale(n.deployment(color), 0);
        return op.result(Verdict.PASS, "switched service " + n.service + " back to " + old + " (" + oldArtifact
                + "); " + color + " (" + op.artifact() + ") scaled to 0", null, Map.of("color", old));
    }

    /** The colour whose Deployment runs the artifact, preferring the one not live. */
    private static @Nullable String colorRunning(Operation op, Names n, @Nullable String liveColor) {
        String notLive = BLUE.equals(liveColor) ? GREEN : BLUE;
        for (String c : new String[] {notLive, other(notLive)}) {
            if (op.artifact().equals(Workloads.artifact(op.workloads().deployment(n.deployment(c))))) {
                return c;
            }
        }
        return null;
    }

    private static Service preview(Operation op, Names n, String color) {
        Service preview = op.workloads().copy(n.manifestService);
        preview.getMetadata().setName(n.preview());
        preview.getMetadata().setResourceVersion(null);
        preview.getSpec().setSelector(Workloads.plus(preview.getSpec().getSelector(), Keys.COLOR, color));
        preview.getSpec().setType("ClusterIP");
        preview.getSpec().setClusterIP(null);
        preview.getSpec().setClusterIPs(null);
        preview.getSpec().setExternalIPs(null);
        preview.getSpec().setLoadBalancerIP(null);
        for (ServicePort p : preview.getSpec().getPorts()) {
            p.setNodePort(null);
        }
        return preview;
    }

    private static @Nullable String color(@Nullable Service service) {
        if (service == null || service.getSpec() == null || service.getSpec().getSelector() == null) {
            return null;
        }
        return service.getSpec().getSelector().get(Keys.COLOR);
    }

    private static String other(String color) {
        return BLUE.equals(color) ? GREEN : BLUE;
    }

    private static Names names(Operation op) {
        Deployment d = op.manifests().deployment(op.service());
        Service s = op.manifests().service(d, op.service());
        if (s == null) {
            throw new DeployFailure("blue_green_service needs a Service in " + op.manifests().source()
                    + " whose selector picks the pods of deployment " + d.getMetadata().getName());
        }
        return new Names(d.getMetadata().getName(), s.getMetadata().getName(), s);
    }

    private record Names(String base, String service, Service manifestService) {
        String deployment(String color) {
            return base + "-" + color;
        }

        String preview() {
            return service + "-preview";
        }
    }
}
