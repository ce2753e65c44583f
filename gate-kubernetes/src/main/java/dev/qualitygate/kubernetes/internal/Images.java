package dev.qualitygate.kubernetes.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Sets the artifact as the image of a Deployment's application container. Internal; not API. */
final class Images {
    private Images() {
    }

    /**
     * Sets the image of the container named by the task property {@code container}, else by kubectl's
     * {@code default-container} annotation, else the one named like the service, else the only one.
     *
     * @throws DeployFailure if no container can be chosen
     */
    static void set(Deployment d, String image, Map<String, Object> properties, String service) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        Object named = properties.get("container");
        String wanted = named != null ? named.toString() : defaultContainer(d);
        if (wanted == null && containers.stream().anyMatch(c -> c.getName().equals(service))) {
            wanted = service;
        }
        if (wanted == null && containers.size() == 1) {
            wanted = containers.get(0).getName();
        }
        for (Container c : containers) {
            if (c.getName().equals(wanted)) {
                c.setImage(image);
                return;
            }
        }
        List<String> names = containers.stream().map(Container::getName).toList();
        throw new DeployFailure(wanted == null
                ? "deployment " + d.getMetadata().getName() + " has containers " + names
                        + "; name the one to set the image of with the task property container"
                : "deployment " + d.getMetadata().getName() + " has no container " + wanted + " (it has " + names
                        + ")");
    }

    private static @Nullable String defaultContainer(Deployment d) {
        var meta = d.getSpec().getTemplate().getMetadata();
        return meta == null || meta.getAnnotations() == null ? null : meta.getAnnotations().get(Keys.DEFAULT_CONTAINER);
    }
}
