package dev.qualitygate.model.shipyard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A shipyard file: the stages a build goes through and what happens in each.
 *
 * @param format which of Keptn's two formats the file was written in
 * @param apiVersion the {@code apiVersion} (0.2.x), or empty for 0.1.x files
 * @param name the {@code metadata.name} (0.2.x) or the {@code registry} (0.1.x); empty if not set
 * @param stages the stages in promotion order ({@code spec.stages} or {@code stages}); never empty
 * @since 0.1
 */
public record Shipyard(ShipyardFormat format, String apiVersion, String name, List<Stage> stages) {

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException if there are no stages
     */
    public Shipyard {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a shipyard needs at least one stage");
        }
    }

    /**
     * The stage with the given name.
     *
     * @param name the stage name
     * @return the stage, or empty
     */
    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
