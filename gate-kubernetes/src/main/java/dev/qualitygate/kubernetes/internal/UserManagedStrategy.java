package dev.qualitygate.kubernetes.internal;

import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.StepEvaluator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code user_managed}: applies the user's manifests as they are (the user has put the version in them), then follows
 * the rollout of every Deployment among them; rollback restores each Deployment's previous pod template. Internal;
 * not API.
 */
final class UserManagedStrategy implements Strategy {

    @Override
    public DeploymentResult deploy(Operation op, @Nullable StepEvaluator evaluator) throws InterruptedException {
        List<Deployment> deployments = op.manifests().deployments();
        op.workloads().applyAll(op.manifests().except(deployments.toArray(HasMetadata[]::new)));
        for (Deployment d : deployments) {
            DirectStrategy.apply(op, op.workloads().copy(d));
        }
        Map<String, String> details = new LinkedHashMap<>();
        List<String> done = new ArrayList<>();
        for (Deployment d : deployments) {
            Rollout rollout = op.workloads().follow(d.getMetadata().getName(), op.deadline());
            details.put("replicas." + d.getMetadata().getName(), rollout.available() + "/" + rollout.desired());
            if (!rollout.complete()) {
                return op.result(Verdict.FAIL, rollout.message(), null, details);
            }
            done.add(rollout.message());
        }
        Service service = op.manifests().objects().stream().filter(Service.class::isInstance)
                .map(Service.class::cast).findFirst().orElse(null);
        String message = "applied the manifests of " + op.artifact() + " from " + op.manifests().source()
                + (done.isEmpty() ? "" : ": " + String.join("; ", done));
        return op.result(Verdict.PASS, message, op.workloads().url(service).orElse(null), details);
    }

    @Override
    public DeploymentResult release(Operation op) {
        return DeploymentResult.pass("nothing to release for strategy user_managed: " + op.artifact() + " is live");
    }

    @Override
    public DeploymentResult rollback(Operation op) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        for (Deployment d : op.manifests().deployments()) {
            DeploymentResult r = DirectStrategy.restorePrevious(op, d.getMetadata().getName());
            if (r.result() == Verdict.FAIL) {
                return r;
            }
            messages.add(r.message());
        }
        return DeploymentResult.pass(String.join("; ", messages));
    }
}
