package dev.qualitygate.kubernetes;

import dev.qualitygate.kubernetes.internal.ClusterSettings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

/**
 * The settings of the {@code kubernetes} deployer, as written under its entry in {@code gate.yaml}. Every setting is
 * optional; the defaults suit a developer machine with a kubeconfig.
 *
 * @param kubeconfig the kubeconfig file ({@code kubeconfig}); by default {@code $KUBECONFIG} or {@code ~/.kube/config},
 *     as kubectl does, falling back to the pod's service account when there is none
 * @param context the kubeconfig context to use ({@code context}); by default the kubeconfig's current context
 * @param inCluster use the service account of the pod this runs in ({@code inCluster}); excludes {@code kubeconfig}
 *     and {@code context}
 * @param namespace the namespace per stage ({@code namespace}), with {@code $PROJECT}, {@code $STAGE} and
 *     {@code $SERVICE} filled in; by default {@code $PROJECT-$STAGE}, as Keptn did. A task property
 *     {@code namespace} overrides it for one task
 * @param manifests the service's manifests ({@code manifests}): a YAML file or a directory of them, with the same
 *     placeholders; by default {@code manifests/$SERVICE}. A task property {@code manifests} overrides it
 * @param apply how objects are written ({@code apply}): {@code server-side} (server-side apply, as
 *     {@code kubectl apply --server-side}; the default) or {@code update} (create, or replace when present)
 * @param pollInterval how often a rollout or Job is checked ({@code pollInterval}); by default 2 seconds
 * @param requestTimeout how long one API request may take ({@code requestTimeout}); by default 30 seconds
 * @param crashLoopRestarts after how many restarts a pod in {@code CrashLoopBackOff} fails the rollout
 *     ({@code crashLoopRestarts}); by default 3
 * @since 0.1
 */
public record KubernetesDeployerConfig(
        @Nullable String kubeconfig,
        @Nullable String context,
        boolean inCluster,
        @NotBlank String namespace,
        @NotBlank String manifests,
        @Pattern(regexp = "server-side|update", message = "must be server-side or update") String apply,
        @DurationMin(millis = 1, message = "must be positive") Duration pollInterval,
        @DurationMin(millis = 1, message = "must be positive") Duration requestTimeout,
        @Positive Integer crashLoopRestarts) {

    /** The default namespace pattern. */
    public static final String DEFAULT_NAMESPACE = "$PROJECT-$STAGE";

    /**
     * Fills in the defaults of settings that were not given.
     *
     * @throws IllegalArgumentException if {@code inCluster} is combined with {@code kubeconfig} or {@code context}
     */
    public KubernetesDeployerConfig {
        ClusterSettings.check(inCluster, kubeconfig, context);
        namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
        manifests = manifests == null ? "manifests/$SERVICE" : manifests;
        apply = apply == null ? "server-side" : apply;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        crashLoopRestarts = crashLoopRestarts == null ? 3 : crashLoopRestarts;
    }
}
