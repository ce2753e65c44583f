package dev.qualitygate.kubernetes.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations the strategies run on one namespace, each one API request. Writes use JSON merge patch or JSON patch
 * (never strategic merge patch, which fabric8's mock server lacks) and the {@link Applier}. Internal; not API.
 */
final class Workloads {
    /** Writes patches; unlike the model serializer it keeps {@code null} map values, which delete in a merge patch. */
    private static final JsonMapper PATCHES = JsonMapper.builder().build();

    private final KubernetesClient client;
    private final String namespace;
    private final Applier applier;
    private final Rollouts rollouts;
    private final KubernetesSerialization serialization;

    Workloads(KubernetesClient client, String namespace, Applier applier, Rollouts rollouts) {
        this.client = client;
        this.namespace = namespace;
        this.applier = applier;
        this.rollouts = rollouts;
        this.serialization = client.getKubernetesSerialization();
    }

    String namespace() {
        return namespace;
    }

    @Nullable Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    @Nullable Service service(String name) {
        return client.services().inNamespace(namespace).withName(name).get();
    }

    void apply(HasMetadata object) {
        object.getMetadata().setNamespace(namespace);
        applier.apply(client, namespace, object);
    }

    void applyAll(List<HasMetadata> objects) {
        objects.forEach(this::apply);
    }

    void scale(String deployment, int replicas) {
        mergePatch(deployment, Map.of("spec", Map.of("replicas", replicas)));
    }

    /** Sets annotations of a Deployment; a {@code null} value removes one. */
    void annotate(String deployment, Map<String, @Nullable String> annotations) {
        mergePatch(deployment, Map.of("metadata", Map.of("annotations", annotations)));
    }

    /** Replaces a Deployment's whole pod template (JSON patch, so no field of the old template survives). */
    void replaceTemplate(String deployment, PodTemplateSpec template) {
        String patch = serialization.asJson(List.of(Map.of("op", "replace", "path", "/spec/template",
                "value", template)));
        client.apps().deployments().inNamespace(namespace).withName(deployment)
                .patch(PatchContext.of(PatchType.JSON), patch);
    }

    void delete(String deployment) {
        client.apps().deployments().inNamespace(namespace).withName(deployment).delete();
    }

    /** Sets one key of a Service's selector, keeping the others. */
    void select(String service, String key, String value) {
        String patch = PATCHES.writeValueAsString(Map.of("spec", Map.of("selector", Map.of(key, value))));
        client.services().inNamespace(namespace).withName(service).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    Rollout follow(String deployment, Deadline deadline) throws InterruptedException {
        return rollouts.follow(namespace, deployment, deadline);
    }

    <T> T copy(T object) {
        return serialization.clone(object);
    }

    String json(Object object) {
        return serialization.asJson(object);
    }

    PodTemplateSpec template(String json) {
        return serialization.unmarshal(json, PodTemplateSpec.class);
    }

    /** The in-cluster URL of a Service: its DNS name and first port. */
    Optional<URI> url(@Nullable Service service) {
        if (service == null) {
            return Optional.empty();
        }
        List<ServicePort> ports = service.getSpec() == null ? List.of() : service.getSpec().getPorts();
        String port = ports.isEmpty() || ports.get(0).getPort() == null ? "" : ":" + ports.get(0).getPort();
        return Optional.of(URI.create("http://" + service.getMetadata().getName() + "." + namespace + ".svc" + port));
    }

    private void mergePatch(String deployment, Map<String, ?> patch) {
        client.apps().deployments().inNamespace(namespace).withName(deployment)
                .patch(PatchContext.of(PatchType.JSON_MERGE), PATCHES.writeValueAsString(patch));
    }

    /** The artifact a Deployment runs: its annotation, or else the image of its first container. */
    static @Nullable String artifact(@Nullable Deployment d) {
        if (d == null) {
            return null;
        }
        String a = annotation(d, Keys.ARTIFACT);
        if (a != null) {
            return a;
        }
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        return containers.isEmpty() ? null : containers.get(0).getImage();
    }

    static @Nullable String annotation(HasMetadata o, String key) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }

    static void annotateLocal(HasMetadata o, String key, @Nullable String value) {
        ObjectMeta meta = o.getMetadata();
        Map<String, String> a = meta.getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(meta.getAnnotations());
        if (value == null) {
            a.remove(key);
        } else {
            a.put(key, value);
        }
        meta.setAnnotations(a);
    }

    /** Adds a label to a Deployment, its selector and its pod template. */
    static void labelEverywhere(Deployment d, String key, String value) {
        d.getMetadata().setLabels(plus(d.getMetadata().getLabels(), key, value));
        d.getSpec().getSelector().setMatchLabels(plus(d.getSpec().getSelector().getMatchLabels(), key, value));
        if (d.getSpec().getTemplate().getMetadata() == null) {
            d.getSpec().getTemplate().setMetadata(new ObjectMeta());
        }
        ObjectMeta pod = d.getSpec().getTemplate().getMetadata();
        pod.setLabels(plus(pod.getLabels(), key, value));
    }

    static Map<String, String> plus(@Nullable Map<String, String> labels, String key, String value) {
        Map<String, String> copy = labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(labels);
        copy.put(key, value);
        return copy;
    }
}
