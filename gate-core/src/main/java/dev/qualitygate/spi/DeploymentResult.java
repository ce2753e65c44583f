package dev.qualitygate.spi;

import dev.qualitygate.model.Verdict;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a deployment, release or rollback.
 *
 * @param result pass, warning or fail
 * @param message what happened, naming the cause of a failure
 * @param endpoints where the deployed version answers, for the tests that follow
 * @param details further facts (revision, replica counts), in order
 * @since 0.1
 */
public record DeploymentResult(Verdict result, String message, List<URI> endpoints, Map<String, String> details) {

    /** Checks and copies the components. */
    public DeploymentResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(message, "message");
        endpoints = List.copyOf(endpoints);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * A passed step without endpoints or details.
     *
     * @param message what happened
     * @return the result
     */
    public static DeploymentResult pass(String message) {
        return new DeploymentResult(Verdict.PASS, message, List.of(), Map.of());
    }

    /**
     * A failed step.
     *
     * @param message the cause
     * @return the result
     */
    public static DeploymentResult fail(String message) {
        return new DeploymentResult(Verdict.FAIL, message, List.of(), Map.of());
    }
}
