package dev.qualitygate.kubernetes.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A service's manifests: every object in a YAML file or a directory of YAML files, with the service's Deployment and
 * Service picked out. Internal; not API.
 *
 * @param source where they were read from, for messages
 * @param objects every object, in file order
 */
record Manifests(Path source, List<HasMetadata> objects) {

    Manifests {
        objects = List.copyOf(objects);
    }

    /**
     * Reads a file, or every {@code .yaml} and {@code .yml} file of a directory in name order.
     *
     * @throws DeployFailure naming the file that is missing or cannot be parsed
     */
    static Manifests read(Path source, KubernetesClient client) {
        if (!Files.exists(source)) {
            throw new DeployFailure("no manifests at " + source.toAbsolutePath()
                    + " (set manifests in the deployer's settings or the task's properties)");
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> list = Files.list(source)) {
                list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new DeployFailure("cannot list manifests in " + source + ": " + e.getMessage(), e);
            }
        } else {
            files.add(source);
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata o : client.load(in).items()) {
                    if (o != null) {
                        objects.add(o);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new DeployFailure("cannot read manifests " + file + ": " + firstLine(e.getMessage()), e);
            }
        }
        if (objects.isEmpty()) {
            throw new DeployFailure("no Kubernetes objects in " + source);
        }
        for (HasMetadata o : objects) {
            if (o.getMetadata() == null || o.getMetadata().getName() == null) {
                throw new DeployFailure("a " + o.getKind() + " in " + source + " has no metadata.name");
            }
        }
        return new Manifests(source, objects);
    }

    List<Deployment> deployments() {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
    }

    /**
     * The service's Deployment: the only one, or the one named like the service.
     *
     * @throws DeployFailure if there is none or it is ambiguous
     */
    Deployment deployment(String service) {
        List<Deployment> all = deployments();
        if (all.size() == 1) {
            return all.get(0);
        }
        for (Deployment d : all) {
            if (d.getMetadata().getName().equals(service)) {
                return d;
            }
        }
        throw new DeployFailure(all.isEmpty() ? "no Deployment in " + source
                : "several Deployments in " + source + " (" + names(all) + ") and none is named " + service);
    }

    /** The Service whose selector picks the Deployment's pods (the one named like the service if several do). */
    @Nullable Service service(Deployment deployment, String service) {
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata() == null ? Map.of()
                : deployment.getSpec().getTemplate().getMetadata().getLabels();
        List<Service> matching = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> s.getSpec() != null && s.getSpec().getSelector() != null
                        && !s.getSpec().getSelector().isEmpty()
                        && s.getSpec().getSelector().entrySet().stream()
                                .allMatch(e -> Objects.equals(podLabels.get(e.getKey()), e.getValue())))
                .toList();
        if (matching.size() <= 1) {
            return matching.isEmpty() ? null : matching.get(0);
        }
        return matching.stream().filter(s -> s.getMetadata().getName().equals(service)).findFirst()
                .orElse(matching.get(0));
    }

    /** Every object except the given ones (compared by identity). */
    List<HasMetadata> except(HasMetadata... excluded) {
        List<HasMetadata> rest = new ArrayList<>();
        outer:
        for (HasMetadata o : objects) {
            for (HasMetadata e : excluded) {
                if (o == e) {
                    continue outer;
                }
            }
            rest.add(o);
        }
        return rest;
    }

    private static String names(List<? extends HasMetadata> objects) {
        return String.join(", ", objects.stream().map(o -> o.getMetadata().getName()).toList());
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "unreadable YAML";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
