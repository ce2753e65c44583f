package dev.qualitygate.kubernetes;

import dev.qualitygate.kubernetes.internal.ClusterSettings;
import dev.qualitygate.kubernetes.internal.JobTester;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.Tester;
import dev.qualitygate.spi.TesterProvider;
import java.util.LinkedHashSet;

/**
 * The {@code kubernetes-job} tester: runs a load test as a Kubernetes Job in the stage's namespace (for example with
 * the JMeter image of your choice, for load beyond one machine), waits for it and collects its results file from the
 * pods' logs. The command runs inside a small {@code /bin/sh} wrapper that prints the results file after it; the
 * command learns the target and where to write from {@code QG_} environment variables. Settings:
 * {@link KubernetesJobTesterConfig}.
 *
 * <p>Stateless and thread-safe; creating a tester sends no request.
 *
 * @since 0.1
 */
public final class KubernetesJobTesterProvider implements TesterProvider {

    /** Creates the provider; it holds no state. */
    public KubernetesJobTesterProvider() {
    }

    /**
     * The id {@code kubernetes-job}.
     *
     * @return {@code kubernetes-job}
     */
    @Override
    public String id() {
        return "kubernetes-job";
    }

    /**
     * Binds the settings and connects a client (without sending a request).
     *
     * @param config the settings, see {@link KubernetesJobTesterConfig}
     * @param context the clock
     * @return the tester; closing it closes its client
     * @throws dev.qualitygate.error.GateConfigException if the settings, kubeconfig or context are invalid
     */
    @Override
    public Tester create(ProviderConfig config, ProviderContext context) {
        KubernetesJobTesterConfig c = config.bind(KubernetesJobTesterConfig.class);
        ClusterSettings cluster = new ClusterSettings(c.kubeconfig(), c.context(), c.inCluster(), c.requestTimeout());
        return new JobTester(cluster.connect(config.origin(), ClusterSettings.processEnvironment()),
                new JobTester.Settings(c.namespace(), c.image(), c.command(), c.env(), c.resultsFile(),
                        c.parallelism(), new LinkedHashSet<>(c.strategies()), c.resultsDir(), c.keepJobs(),
                        c.pollInterval()),
                context.clock());
    }

    @Override
    public String description() {
        return "load tests as Kubernetes Jobs, results collected from the pods";
    }
}
