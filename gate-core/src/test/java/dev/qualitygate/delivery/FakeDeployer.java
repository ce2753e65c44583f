package dev.qualitygate.delivery;

import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A deployer that writes each call to a journal and answers with a function of the request. */
class FakeDeployer implements Deployer {
    private final Journal journal;
    private final Set<String> strategies;
    private final Function<DeploymentRequest, DeploymentResult> onDeploy;

    FakeDeployer(Journal journal, Function<DeploymentRequest, DeploymentResult> onDeploy, String... strategies) {
        this.journal = journal;
        this.onDeploy = onDeploy;
        this.strategies = Set.of(strategies);
    }

    static FakeDeployer passing(Journal journal, String... strategies) {
        return new FakeDeployer(journal, r -> new DeploymentResult(Verdict.PASS, "deployed " + r.artifact(),
                List.of(URI.create("http://127.0.0.1:9/" + r.context().stage())), Map.of()), strategies);
    }

    @Override
    public Set<String> strategies() {
        return strategies;
    }

    @Override
    public DeploymentResult deploy(DeploymentRequest request) {
        journal.add("deploy " + request.context().stage() + " " + request.strategy() + " " + request.artifact());
        return onDeploy.apply(request);
    }

    @Override
    public DeploymentResult release(DeploymentRequest request) {
        journal.add("release " + request.context().stage() + " " + request.strategy());
        return DeploymentResult.pass("released");
    }

    @Override
    public DeploymentResult rollback(DeploymentRequest request) {
        journal.add("rollback " + request.context().stage() + " " + request.strategy());
        return DeploymentResult.pass("rolled back");
    }

    @Override
    public String toString() {
        return "fake deployer";
    }
}
