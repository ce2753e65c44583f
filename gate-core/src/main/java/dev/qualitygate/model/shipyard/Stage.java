package dev.qualitygate.model.shipyard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One stage of a shipyard, in promotion order.
 *
 * @param name the stage name ({@code name}); a Keptn entity name
 * @param sequences the stage's sequences ({@code sequences}); empty in 0.1.x files
 * @param strategies the 0.1.x strategies, or {@code null} in 0.2.x files
 * @since 0.1
 */
public record Stage(String name, List<Sequence> sequences, @Nullable StageStrategies strategies) {

    /** Copies the sequences. */
    public Stage {
        Objects.requireNonNull(name, "name");
        sequences = List.copyOf(sequences);
    }

    /**
     * The sequence with the given name.
     *
     * @param name the sequence name
     * @return the sequence, or empty
     */
    public Optional<Sequence> sequence(String name) {
        return sequences.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
