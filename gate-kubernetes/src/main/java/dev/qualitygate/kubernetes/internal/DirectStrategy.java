package dev.qualitygate.kubernetes.internal;

import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.StepEvaluator;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code direct}: updates the service's Deployment in place with the new image and follows the rollout; rollback
 * restores the pod template the Deployment had before. Internal; not API.
 */
final class DirectStrategy implements Strategy {

    @Override
    public DeploymentResult deploy(Operation op, @Nullable StepEvaluator evaluator) throws InterruptedException {
        Deployment desired = op.manifestDeployment();
        Images.set(desired, op.artifact(), op.request().properties(), op.service());
        Service service = op.manifestService();
        op.workloads().applyAll(op.manifests().except(op.manifests().deployment(op.service())));
        String previous = apply(op, desired);
        return rolloutResult(op, desired.getMetadata().getName(), op.deadline(), service, previous);
    }

    /**
     * Applies a Deployment that runs the operation's artifact, recording what ran before so that rollback can restore
     * it.
     *
     * @return the artifact that ran before, or {@code null}
     */
    static @Nullable String apply(Operation op, Deployment desired) {
        String name = desired.getMetadata().getName();
        Deployment live = op.workloads().deployment(name);
        String liveArtifact = Workloads.artifact(live);
        String previous;
        Workloads.annotateLocal(desired, Keys.ARTIFACT, op.artifact());
        if (live == null) {
            previous = null;
        } else if (Objects.equals(liveArtifact, op.artifact())) {
            previous = Workloads.annotation(live, Keys.PREVIOUS_ARTIFACT);
            Workloads.annotateLocal(desired, Keys.PREVIOUS_ARTIFACT, previous);
            Workloads.annotateLocal(desired, Keys.PREVIOUS_TEMPLATE, Workloads.annotation(live, Keys.PREVIOUS_TEMPLATE));
        } else {
            previous = liveArtifact;
            Workloads.annotateLocal(desired, Keys.PREVIOUS_ARTIFACT, liveArtifact);
            Workloads.annotateLocal(desired, Keys.PREVIOUS_TEMPLATE, op.workloads().json(live.getSpec().getTemplate()));
        }
        op.workloads().apply(desired);
        return previous;
    }

    static DeploymentResult rolloutResult(Operation op, String name, Deadline deadline, @Nullable Service service,
            @Nullable String previous) throws InterruptedException {
        Rollout rollout = op.workloads().follow(name, deadline);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("deployment", name);
        details.put("replicas", rollout.available() + "/" + rollout.desired());
        if (previous != null) {
            details.put("previousArtifact", previous);
        }
        String message = rollout.complete() ? "deployed " + op.artifact() + ": " + rollout.message()
                : rollout.message();
        return op.result(rollout.complete() ? Verdict.PASS : Verdict.FAIL, message,
                op.workloads().url(service).orElse(null), details);
    }

    @Override
    public DeploymentResult release(Operation op) {
        return DeploymentResult.pass("nothing to release for strategy direct: " + op.artifact() + " is live");
    }

    @Override
    public DeploymentResult rollback(Operation op) throws InterruptedException {
        return restorePrevious(op, op.manifests().deployment(op.service()).getMetadata().getName());
    }

    /**
     * Restores the pod template recorded before the operation's artifact was deployed to the named Deployment, and
     * follows the rollout. Passes without change when the Deployment does not run that artifact.
     */
    static DeploymentResult restorePrevious(Operation op, String name) throws InterruptedException {
        Deployment live = op.workloads().deployment(name);
        String what = "deployment " + name + " in namespace " + op.namespace();
        if (live == null) {
            return DeploymentResult.pass("nothing to roll back: " + what + " does not exist");
        }
        String liveArtifact = Workloads.artifact(live);
        if (!op.artifact().equals(liveArtifact)) {
            return DeploymentResult.pass("nothing to roll back: " + what + " runs " + liveArtifact + ", not "
                    + op.artifact());
        }
        String template = Workloads.annotation(live, Keys.PREVIOUS_TEMPLATE);
        String previous = Workloads.annotation(live, Keys.PREVIOUS_ARTIFACT);
        if (template == null) {
            return DeploymentResult.fail("cannot roll back " + what + ": no previous version is recorded (this was "
                    + "the first deployment of " + op.artifact() + " there)");
        }
        PodTemplateSpec restored = op.workloads().template(template);
        op.workloads().replaceTemplate(name, restored);
        Map<String, String> annotations = new HashMap<>();
        annotations.put(Keys.ARTIFACT, previous);
        annotations.put(Keys.PREVIOUS_ARTIFACT, null);
        annotations.put(Keys.PREVIOUS_TEMPLATE, null);
        op.workloads().annotate(name, annotations);
        Rollout rollout = op.workloads().follow(name, op.deadline());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("deployment", name);
        details.put("replicas", rollout.available() + "/" + rollout.desired());
        details.put("restoredArtifact", Objects.toString(previous, ""));
        return op.result(rollout.complete() ? Verdict.PASS : Verdict.FAIL, rollout.complete()
                ? "rolled back " + what + " from " + op.artifact() + " to " + previous + ": " + rollout.message()
                : "rollback to " + previous + " failed: " + rollout.message(), null, details);
    }
}
