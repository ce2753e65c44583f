package dev.qualitygate.kubernetes.internal;

import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.DeploymentStep;
import dev.qualitygate.spi.StepEvaluator;
import dev.qualitygate.spi.StepOutcome;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code canary}: the new version runs as a second Deployment ({@code <name>-canary}) whose pods the service's
 * Service also selects, so that it takes a share of the traffic by replica ratio. The canary steps up through the
 * shares of the task's {@code steps}, and each step is judged by the {@link StepEvaluator}; a failed step (or a
 * failed rollout) removes the canary and restores the stable replicas before deploy returns. Release promotes the
 * canary's version to the stable Deployment and removes the canary; rollback removes the canary, or after release
 * restores the stable Deployment's previous template. The first deployment of a service has nothing to compare
 * with and is deployed directly. Internal; not API.
 */
final class CanaryStrategy implements Strategy {
    static final String CANARY = "canary";

    @Override
    public DeploymentResult deploy(Operation op, @Nullable StepEvaluator evaluator) throws InterruptedException {
        CanaryPlan plan = CanaryPlan.of(op.request().properties());
        Deployment manifest = op.manifestDeployment();
        String stableName = manifest.getMetadata().getName();
        String canaryName = stableName + "-" + CANARY;
        Deployment stable = op.workloads().deployment(stableName);
        Service service = op.manifestService();
        if (stable == null) {
            DeploymentResult direct = new DirectStrategy().deploy(op, evaluator);
            return new DeploymentResult(direct.result(), "no live version of " + stableName + " to compare with, so "
                    + "the canary steps were skipped; " + direct.message(), direct.endpoints(), direct.details());
        }
        String stableArtifact = Workloads.artifact(stable);
        String recorded = Workloads.annotation(stable, Keys.REPLICAS);
        int total = op.intProperty("replicas", recorded != null ? Integer.parseInt(recorded)
                : Math.max(1, Rollouts.desired(stable)));
        op.workloads().annotate(stableName, Map.of(Keys.REPLICAS, Integer.toString(total)));
        op.workloads().applyAll(op.manifests().except(op.manifests().deployment(op.service())));

        Deployment canary = op.manifestDeployment();
        canary.getMetadata().setName(canaryName);
        Workloads.labelEverywhere(canary, Keys.TRACK, CANARY);
        Images.set(canary, op.artifact(), op.request().properties(), op.service());
        Workloads.annotateLocal(canary, Keys.ARTIFACT, op.artifact());

        List<String> passed = new ArrayList<>();
        Verdict worst = Verdict.PASS;
        int count = plan.percents().size();
        for (int i = 0; i < count; i++) {
            int requested = plan.percents().get(i);
            int canaryReplicas = CanaryPlan.canaryReplicas(total, requested);
            int share = Math.max(1, Math.round(100f * canaryReplicas / total));
            String label = "step " + (i + 1) + " of " + count + " (" + requested + "%: " + canaryReplicas + " of "
                    + total + " replicas)";
            canary.getSpec().setReplicas(canaryReplicas);
            op.workloads().apply(op.workloads().copy(canary));
            Deadline stepDeadline = op.freshDeadline();
            Rollout rollout = op.workloads().follow(canaryName, stepDeadline);
            if (rollout.complete()) {
                op.workloads().scale(stableName, total - canaryReplicas);
                rollout = op.workloads().follow(stableName, stepDeadline);
            }
            if (!rollout.complete()) {
                return failStep(op, stableName, canaryName, total, stableArtifact, label, rollout.message());
            }
            Instant since = op.clock().instant();
            if (!plan.interval().isZero()) {
                Thread.sleep(plan.interval().toMillis());
            }
            if (evaluator != null) {
                DeploymentStep step = new DeploymentStep(op.request(), i + 1, count, Math.min(100, share),
                        op.request().context().withDeployment(CANARY), since);
                StepOutcome outcome;
                try {
                    outcome = evaluator.evaluate(step);
                } catch (RuntimeException e) {
                    outcome = StepOutcome.fail("the step evaluation failed: " + e);
                }
                if (outcome.result() == Verdict.FAIL) {
                    return failStep(op, stableName, canaryName, total, stableArtifact, label,
                            "its evaluation failed: " + outcome.reason());
                }
                if (outcome.result().isWorseThan(worst)) {
                    worst = outcome.result();
                }
                passed.add(label + " " + outcome.result().keyword() + ": " + outcome.reason());
            } else {
                passed.add(label + " rolled out");
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("deployment", canaryName);
        details.put("stable", stableName);
        details.put("stableArtifact", String.valueOf(stableArtifact));
        details.put("steps", plan.percents().toString());
        details.put("replicas", CanaryPlan.canaryReplicas(total, plan.percents().get(count - 1)) + "/" + total);
        String evaluated = evaluator == null
                ? " (no step evaluator was given, so the steps were checked for rollout health only)" : "";
        return op.result(worst, "canary " + op.artifact() + " passed " + count + " steps beside " + stableArtifact
                + evaluated + ": " + String.join("; ", passed) + "; release promotes it",
                op.workloads().url(service).orElse(null), details);
    }

    private static DeploymentResult failStep(Operation op, String stableName, String canaryName, int total,
            @Nullable String stableArtifact, String label, String cause) throws InterruptedException {
        Restored restored = restoreStable(op, stableName, canaryName, total);
        return op.result(Verdict.FAIL, "canary " + op.artifact() + " failed at " + label + ": " + cause + "; "
                + restored.message(), null, Map.of("stableArtifact", String.valueOf(stableArtifact)));
    }

    /** Removes the canary and scales the stable Deployment back to the total; describes the outcome. */
    private static Restored restoreStable(Operation op, String stableName, String canaryName, int total)
            throws InterruptedException {
        op.workloads().delete(canaryName);
        op.workloads().scale(stableName, total);
        Rollout back = op.workloads().follow(stableName, op.freshDeadline());
        String stableArtifact = Workloads.artifact(op.workloads().deployment(stableName));
        return new Restored(back.complete(), back.complete()
                ? "rolled back: canary removed, " + stableName + " runs " + stableArtifact + " on " + total
                        + " replicas"
                : "canary removed, but restoring " + stableName + " failed: " + back.message());
    }

    private record Restored(boolean ok, String message) {
    }

    @Override
    public DeploymentResult release(Operation op) throws InterruptedException {
        Deployment manifest = op.manifestDeployment();
        String stableName = manifest.getMetadata().getName();
        String canaryName = stableName + "-" + CANARY;
        Deployment canary = op.workloads().deployment(canaryName);
        Deployment stable = op.workloads().deployment(stableName);
        if (canary == null || !op.artifact().equals(Workloads.artifact(canary))) {
            if (op.artifact().equals(Workloads.artifact(stable))) {
                return DeploymentResult.pass(op.artifact() + " is already live: " + stableName + " runs it");
            }
            return DeploymentResult.fail("nothing to release: no canary " + canaryName + " in namespace "
                    + op.namespace() + " runs " + op.artifact());
        }
        String recorded = stable == null ? null : Workloads.annotation(stable, Keys.REPLICAS);
        int total = recorded != null ? Integer.parseInt(recorded) : Rollouts.desired(manifest);
        Images.set(manifest, op.artifact(), op.request().properties(), op.service());
        manifest.getSpec().setReplicas(total);
        Workloads.annotateLocal(manifest, Keys.REPLICAS, Integer.toString(total));
        String previous = DirectStrategy.apply(op, manifest);
        Rollout rollout = op.workloads().follow(stableName, op.deadline());
        if (!rollout.complete()) {
            return op.result(Verdict.FAIL, "promoting " + op.artifact() + " failed: " + rollout.message()
                    + "; the canary " + canaryName + " is kept", null, Map.of("deployment", stableName));
        }
        op.workloads().delete(canaryName);
        return op.result(Verdict.PASS, "promoted " + op.artifact() + " from the canary: " + rollout.message()
                + "; canary " + canaryName + " removed", op.workloads().url(op.manifestService()).orElse(null),
                Map.of("deployment", stableName, "previousArtifact", String.valueOf(previous)));
    }

    @Override
    public DeploymentResult rollback(Operation op) throws InterruptedException {
        String stableName = op.manifests().deployment(op.service()).getMetadata().getName();
        String canaryName = stableName + "-" + CANARY;
        Deployment canary = op.workloads().deployment(canaryName);
        if (canary != null && op.artifact().equals(Workloads.artifact(canary))) {
            Deployment stable = op.workloads().deployment(stableName);
            String recorded = stable == null ? null : Workloads.annotation(stable, Keys.REPLICAS);
            int total = recorded != null ? Integer.parseInt(recorded)
                    : Rollouts.desired(op.manifests().deployment(op.service()));
            Restored restored = restoreStable(op, stableName, canaryName, total);
            return op.result(restored.ok() ? Verdict.PASS : Verdict.FAIL, "canary " + op.artifact() + " "
                    + restored.message(), null, Map.of("deployment", stableName));
        }
        return DirectStrategy.restorePrevious(op, stableName);
    }
}
