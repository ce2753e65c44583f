package dev.qualitygate.model.shipyard;

import java.util.List;
import java.util.Objects;

/**
 * A named sequence of tasks in a stage, started explicitly or when another sequence finishes.
 *
 * @param name the sequence name ({@code name}), for example {@code delivery}
 * @param triggeredOn what starts it ({@code triggeredOn}); empty when it is started explicitly
 * @param tasks the tasks in order ({@code tasks})
 * @since 0.1
 */
public record Sequence(String name, List<Trigger> triggeredOn, List<Task> tasks) {

    /** Copies the lists. */
    public Sequence {
        Objects.requireNonNull(name, "name");
        triggeredOn = List.copyOf(triggeredOn);
        tasks = List.copyOf(tasks);
    }
}
