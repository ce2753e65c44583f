package dev.qualitygate.kubernetes.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

/**
 * Writes an object to the cluster: the one seam between the strategies and how objects are applied, so that tests on
 * an API server without server-side apply (fabric8's mock) can write the same objects by create-or-replace. Internal;
 * not API.
 */
interface Applier {

    /** The field manager name under which server-side apply writes. */
    String FIELD_MANAGER = "qualitygate";

    /** Creates or updates the object in the namespace. */
    void apply(KubernetesClient client, String namespace, HasMetadata object);

    /** Server-side apply, forcing conflicts as {@code kubectl apply --server-side --force-conflicts} does. */
    static Applier serverSide() {
        return (client, namespace, object) -> {
            try {
                client.resource(object).inNamespace(namespace).fieldManager(FIELD_MANAGER).forceConflicts()
                        .serverSideApply();
            } catch (KubernetesClientException e) {
                boolean namespaceMissing = e.getStatus() != null && e.getStatus().getDetails() != null
                        && "namespaces".equals(e.getStatus().getDetails().getKind());
                if ((e.getCode() == 415 || e.getCode() == 404) && !namespaceMissing) {
                    throw new DeployFailure("the API server refused server-side apply of " + object.getKind() + " "
                            + object.getMetadata().getName() + " (HTTP " + e.getCode() + "); it may not support "
                            + "server-side apply: set apply: update in the deployer's settings for such servers", e);
                }
                throw e;
            }
        };
    }

    /** Create, or replace the whole object when it exists. */
    static Applier update() {
        return (client, namespace, object) ->
                client.resource(object).inNamespace(namespace).createOr(NonDeletingOperation::update);
    }

    /** The applier for the {@code apply} setting. */
    static Applier named(String name) {
        return "update".equals(name) ? update() : serverSide();
    }
}
