package dev.qualitygate.kubernetes.internal;

import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One deploy, release or rollback: the request, its namespace and manifests, the cluster operations and the time it
 * may take. Internal; not API.
 *
 * @param request the request
 * @param workloads the operations on the request's namespace
 * @param manifests the service's manifests
 * @param deadline when the operation's time is up
 * @param clock the clock
 */
record Operation(
        DeploymentRequest request, Workloads workloads, Manifests manifests, Deadline deadline, Clock clock) {

    String service() {
        return request.context().service();
    }

    String artifact() {
        return request.artifact();
    }

    String namespace() {
        return workloads.namespace();
    }

    /** The service's Deployment as written in the manifests (a copy to change freely). */
    Deployment manifestDeployment() {
        return workloads.copy(manifests.deployment(service()));
    }

    /** The Service that selects the Deployment's pods, as written (a copy), or {@code null} if there is none. */
    @Nullable Service manifestService() {
        Deployment d = manifests.deployment(service());
        Service s = manifests.service(d, service());
        return s == null ? null : workloads.copy(s);
    }

    /** A fresh deadline of the request's whole timeout, for a rollback after the deploy's time has run out. */
    Deadline freshDeadline() {
        return Deadline.after(request.timeout(), clock);
    }

    /** An integer task property, or the fallback. */
    int intProperty(String name, int fallback) {
        Object v = request.properties().get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int i = v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
            if (i < 1) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new DeployFailure("task property " + name + " must be a positive whole number, was \"" + v + "\"");
        }
    }

    DeploymentResult result(Verdict verdict, String message, @Nullable URI endpoint, Map<String, String> details) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("namespace", namespace());
        all.putAll(details);
        return new DeploymentResult(verdict, message, endpoint == null ? List.of() : List.of(endpoint), all);
    }
}
