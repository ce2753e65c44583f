package dev.qualitygate.kubernetes.internal;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.StepEvaluator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kubernetes} deployer: picks the strategy, resolves the namespace and manifests, and turns every failure
 * into a {@code fail} result naming its cause. Holds no state between calls: what is live is read from the cluster,
 * so release and rollback work from another process. Internal; not API.
 */
public final class KubernetesDeployer implements Deployer {
    private static final Logger log = LoggerFactory.getLogger(KubernetesDeployer.class);

    private static final Map<String, Strategy> STRATEGIES = Map.of(
            "direct", new DirectStrategy(),
            "blue_green_service", new BlueGreenStrategy(),
            "duplicate", new BlueGreenStrategy(),
            "canary", new CanaryStrategy(),
            "user_managed", new UserManagedStrategy());

    private final KubernetesClient client;
    private final Settings settings;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * What the deployer needs besides the client.
     *
     * @param namespace the namespace pattern, with {@code $PROJECT}, {@code $STAGE}, {@code $SERVICE}
     * @param manifests the manifests path pattern, with the same placeholders
     * @param apply how objects are written: {@code server-side} or {@code update}
     * @param pollInterval how often rollouts are checked
     * @param crashLoopRestarts restarts after which a crash-looping pod fails the rollout
     */
    public record Settings(
            String namespace, String manifests, String apply, Duration pollInterval, int crashLoopRestarts) {
    }

    /**
     * Creates the deployer; it owns the client and closes it.
     *
     * @param client the client
     * @param settings the settings
     * @param clock the clock deadlines are measured on
     */
    public KubernetesDeployer(KubernetesClient client, Settings settings, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Set<String> strategies() {
        return STRATEGIES.keySet();
    }

    @Override
    public DeploymentResult deploy(DeploymentRequest request) {
        return run("deployment", request, (s, op) -> s.deploy(op, null));
    }

    @Override
    public DeploymentResult deploy(DeploymentRequest request, StepEvaluator evaluator) {
        Objects.requireNonNull(evaluator, "evaluator");
        return run("deployment", request, (s, op) -> s.deploy(op, evaluator));
    }

    @Override
    public DeploymentResult release(DeploymentRequest request) {
        return run("release", request, Strategy::release);
    }

    @Override
    public DeploymentResult rollback(DeploymentRequest request) {
        return run("rollback", request, Strategy::rollback);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "KubernetesDeployer[namespace=" + settings.namespace() + ", manifests=" + settings.manifests() + "]";
    }

    private interface Call {
        DeploymentResult apply(Strategy strategy, Operation op) throws InterruptedException;
    }

    private DeploymentResult run(String task, DeploymentRequest request, Call call) {
        Objects.requireNonNull(request, "request");
        Strategy strategy = STRATEGIES.get(request.strategy());
        if (strategy == null) {
            return DeploymentResult.fail("the kubernetes deployer has no strategy " + request.strategy()
                    + "; it knows " + new java.util.TreeSet<>(STRATEGIES.keySet()));
        }
        String namespace = namespace(request);
        try {
            Workloads workloads = new Workloads(client, namespace, Applier.named(settings.apply()),
                    new Rollouts(client, settings.pollInterval(), settings.crashLoopRestarts()));
            Manifests manifests = Manifests.read(manifestsPath(request), client);
            Operation op = new Operation(request, workloads, manifests, Deadline.after(request.timeout(), clock),
                    clock);
            DeploymentResult result = call.apply(strategy, op);
            log.debug("{} of {} with {} in {}: {} {}", task, request.artifact(), request.strategy(), namespace,
                    result.result().keyword(), result.message());
            return result;
        } catch (DeployFailure e) {
            return DeploymentResult.fail(task + " of " + request.artifact() + " failed: " + e.getMessage());
        } catch (KubernetesClientException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return DeploymentResult.fail(task + " of " + request.artifact() + " was interrupted");
            }
            return DeploymentResult.fail(task + " of " + request.artifact() + " failed: " + apiError(e, namespace));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeploymentResult.fail(task + " of " + request.artifact() + " was interrupted");
        }
    }

    private String namespace(DeploymentRequest request) {
        Object override = request.properties().get("namespace");
        return fill(override != null ? override.toString() : settings.namespace(), request.context());
    }

    private Path manifestsPath(DeploymentRequest request) {
        Object override = request.properties().get("manifests");
        return Path.of(fill(override != null ? override.toString() : settings.manifests(), request.context()));
    }

    static String fill(String pattern, EvaluationContext context) {
        return pattern.replace("$PROJECT", context.project()).replace("$STAGE", context.stage())
                .replace("$SERVICE", context.service());
    }

    /** Names what the API server refused, with a hint for the usual causes. */
    static String apiError(KubernetesClientException e, String namespace) {
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : firstLine(e.getMessage());
        String hint = switch (e.getCode()) {
            case 401 -> " (the credentials were refused; check the kubeconfig or service account)";
            case 403 -> " (the account lacks a permission; gate-kubernetes/rbac/role.yaml lists the ones needed)";
            case 404 -> e.getStatus() != null && e.getStatus().getDetails() != null
                    && "namespaces".equals(e.getStatus().getDetails().getKind())
                    ? " (namespace " + namespace + " does not exist; create it, or set namespace)" : "";
            default -> "";
        };
        return "the Kubernetes API answered " + (e.getCode() == 0 ? "nothing" : "HTTP " + e.getCode()) + ": "
                + status + hint;
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
