package dev.qualitygate.kubernetes;

import dev.qualitygate.kubernetes.internal.ClusterSettings;
import dev.qualitygate.kubernetes.internal.KubernetesDeployer;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeployerProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;

/**
 * The {@code kubernetes} deployer: applies a service's manifests (a Deployment and a Service, plain YAML) with the
 * artifact as image, follows the rollout until it is complete, failed ({@code ProgressDeadlineExceeded}, crash-looping
 * pods, images that cannot be pulled) or timed out, and releases or rolls back. Strategies, as Keptn named them:
 * {@code direct}, {@code blue_green_service} (alias {@code duplicate}), {@code canary} (stepped, with an evaluation
 * at each step through {@link dev.qualitygate.spi.Deployer#deploy(dev.qualitygate.spi.DeploymentRequest,
 * dev.qualitygate.spi.StepEvaluator)}) and {@code user_managed}. Settings: {@link KubernetesDeployerConfig}.
 *
 * <p>Stateless and thread-safe; creating a deployer sends no request.
 *
 * @since 0.1
 */
public final class KubernetesDeployerProvider implements DeployerProvider {

    /** Creates the provider; it holds no state. */
    public KubernetesDeployerProvider() {
    }

    /**
     * The id {@code kubernetes}.
     *
     * @return {@code kubernetes}
     */
    @Override
    public String id() {
        return "kubernetes";
    }

    /**
     * Binds the settings and connects a client (without sending a request).
     *
     * @param config the settings, see {@link KubernetesDeployerConfig}
     * @param context the clock
     * @return the deployer; closing it closes its client
     * @throws dev.qualitygate.error.GateConfigException if the settings, kubeconfig or context are invalid
     */
    @Override
    public Deployer create(ProviderConfig config, ProviderContext context) {
        KubernetesDeployerConfig c = config.bind(KubernetesDeployerConfig.class);
        ClusterSettings cluster = new ClusterSettings(c.kubeconfig(), c.context(), c.inCluster(), c.requestTimeout());
        return new KubernetesDeployer(cluster.connect(config.origin(), ClusterSettings.processEnvironment()),
                new KubernetesDeployer.Settings(c.namespace(), c.manifests(), c.apply(), c.pollInterval(),
                        c.crashLoopRestarts()),
                context.clock());
    }

    @Override
    public String description() {
        return "Kubernetes deployments: direct, blue_green_service, canary, user_managed";
    }
}
