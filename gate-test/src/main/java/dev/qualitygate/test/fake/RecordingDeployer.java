package dev.qualitygate.test.fake;

import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeployerProvider;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link Deployer} that deploys nothing: it records every request and answers with a result
 * you choose, so a test can drive a delivery through passing, failing and rolled-back deployments.
 *
 * <pre>{@code
 * RecordingDeployer deployer = RecordingDeployer.answering(
 *         request -> DeploymentResult.fail("image not found: " + request.artifact()), "direct");
 * ...
 * assertThat(deployer.deployed()).hasSize(1);
 * assertThat(deployer.rolledBack()).isEmpty();
 * }</pre>
 *
 * <p>Release and rollback always pass. Thread-safe.
 *
 * @since 0.1
 */
public final class RecordingDeployer implements Deployer {
    private final Set<String> strategies;
    private final Function<DeploymentRequest, DeploymentResult> onDeploy;
    private final List<DeploymentRequest> deployed = new CopyOnWriteArrayList<>();
    private final List<DeploymentRequest> released = new CopyOnWriteArrayList<>();
    private final List<DeploymentRequest> rolledBack = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private RecordingDeployer(Function<DeploymentRequest, DeploymentResult> onDeploy, String... strategies) {
        this.onDeploy = Objects.requireNonNull(onDeploy, "onDeploy");
        this.strategies = Set.of(strategies);
        if (this.strategies.isEmpty()) {
            throw new IllegalArgumentException("a deployer needs at least one strategy, such as \"direct\"");
        }
    }

    /**
     * A deployer whose deployments pass.
     *
     * @param strategies the strategies it claims, for example {@code direct}; at least one, no duplicates
     * @return the deployer
     */
    public static RecordingDeployer passing(String... strategies) {
        return answering(r -> DeploymentResult.pass("deployed " + r.artifact() + " by RecordingDeployer"),
                strategies);
    }

    /**
     * A deployer whose deployments all end with the given result.
     *
     * @param result the result of every deployment
     * @param strategies the strategies it claims; at least one, no duplicates
     * @return the deployer
     */
    public static RecordingDeployer returning(DeploymentResult result, String... strategies) {
        Objects.requireNonNull(result, "result");
        return answering(r -> result, strategies);
    }

    /**
     * A deployer that computes each deployment's result from its request.
     *
     * @param onDeploy computes the result; called from the deploying thread
     * @param strategies the strategies it claims; at least one, no duplicates
     * @return the deployer
     */
    public static RecordingDeployer answering(Function<DeploymentRequest, DeploymentResult> onDeploy,
            String... strategies) {
        return new RecordingDeployer(onDeploy, strategies);
    }

    /**
     * The strategies given when it was created.
     *
     * @return the strategies; never empty
     */
    @Override
    public Set<String> strategies() {
        return strategies;
    }

    /**
     * Records the request and answers with the configured result.
     *
     * @param request the deployment
     * @return the configured result
     */
    @Override
    public DeploymentResult deploy(DeploymentRequest request) {
        deployed.add(Objects.requireNonNull(request, "request"));
        return Objects.requireNonNull(onDeploy.apply(request), "the onDeploy function returned null");
    }

    /**
     * Records the request and passes.
     *
     * @param request the deployment to release
     * @return a passed result
     */
    @Override
    public DeploymentResult release(DeploymentRequest request) {
        released.add(Objects.requireNonNull(request, "request"));
        return DeploymentResult.pass("released " + request.artifact() + " by RecordingDeployer");
    }

    /**
     * Records the request and passes.
     *
     * @param request the deployment to roll back
     * @return a passed result
     */
    @Override
    public DeploymentResult rollback(DeploymentRequest request) {
        rolledBack.add(Objects.requireNonNull(request, "request"));
        return DeploymentResult.pass("rolled back " + request.artifact() + " by RecordingDeployer");
    }

    /**
     * The deploy requests received, in order.
     *
     * @return a snapshot; possibly empty
     */
    public List<DeploymentRequest> deployed() {
        return List.copyOf(deployed);
    }

    /**
     * The release requests received, in order.
     *
     * @return a snapshot; possibly empty
     */
    public List<DeploymentRequest> released() {
        return List.copyOf(released);
    }

    /**
     * The rollback requests received, in order.
     *
     * @return a snapshot; possibly empty
     */
    public List<DeploymentRequest> rolledBack() {
        return List.copyOf(rolledBack);
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /** Marks the deployer closed. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    /** Names the strategies. */
    @Override
    public String toString() {
        return "RecordingDeployer" + strategies;
    }

    /**
     * A provider that hands out this one deployer under an id, for code that looks deployers up by id
     * ({@code Plugins.none().with(deployer.asProvider("kubernetes"))}).
     *
     * @param id the provider id, of the form {@code [a-z][a-z0-9-]*}
     * @return a provider whose {@code create} returns this deployer, whatever the settings
     */
    public DeployerProvider asProvider(String id) {
        Objects.requireNonNull(id, "id");
        RecordingDeployer self = this;
        return new DeployerProvider() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Deployer create(ProviderConfig config, ProviderContext context) {
                return self;
            }
        };
    }
}
