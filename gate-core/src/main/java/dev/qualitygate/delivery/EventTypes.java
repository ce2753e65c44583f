package dev.qualitygate.delivery;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Keptn's event type names: {@code sh.keptn.event.<stage>.<sequence>.<phase>} for sequences and
 * {@code sh.keptn.event.<task>.<phase>} for tasks.
 *
 * @since 0.1
 */
public final class EventTypes {
    /** The prefix of every Keptn event type. */
    public static final String PREFIX = "sh.keptn.event.";

    private EventTypes() {
    }

    /**
     * The phases of a sequence or task.
     *
     * @since 0.1
     */
    public enum Phase {
        /** Asked for. */
        TRIGGERED,
        /** Begun by its executor. */
        STARTED,
        /** Done, with a result and status. */
        FINISHED;

        /**
         * The phase as written in event types.
         *
         * @return {@code triggered}, {@code started} or {@code finished}
         */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What an event type names.
     *
     * @param stage the stage of a sequence event; empty for a task event
     * @param name the sequence or task name
     * @param phase the phase
     * @since 0.1
     */
    public record Parsed(String stage, String name, Phase phase) {

        /** Checks the components. */
        public Parsed {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(phase, "phase");
        }

        /**
         * Whether the type names a sequence (rather than a task).
         *
         * @return {@code true} for {@code sh.keptn.event.<stage>.<sequence>.<phase>}
         */
        public boolean isSequence() {
            return !stage.isEmpty();
        }
    }

    /**
     * The type of a sequence event.
     *
     * @param stage the stage
     * @param sequence the sequence
     * @param phase the phase
     * @return for example {@code sh.keptn.event.dev.delivery.triggered}
     */
    public static String sequence(String stage, String sequence, Phase phase) {
        return PREFIX + stage + "." + sequence + "." + phase.keyword();
    }

    /**
     * The type of a task event.
     *
     * @param task the task
     * @param phase the phase
     * @return for example {@code sh.keptn.event.deployment.finished}
     */
    public static String task(String task, Phase phase) {
        return PREFIX + task + "." + phase.keyword();
    }

    /**
     * Reads an event type.
     *
     * @param type the type
     * @return what it names, or empty if it is not a Keptn sequence or task event type
     */
    public static Optional<Parsed> parse(String type) {
        if (!type.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = type.substring(PREFIX.length()).split("\\.", -1);
        Phase phase = null;
        for (Phase p : Phase.values()) {
            if (p.keyword().equals(parts[parts.length - 1])) {
                phase = p;
            }
        }
        if (phase == null) {
            return Optional.empty();
        }
        if (parts.length == 2 && !parts[0].isEmpty()) {
            return Optional.of(new Parsed("", parts[0], phase));
        }
        if (parts.length == 3 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            return Optional.of(new Parsed(parts[0], parts[1], phase));
        }
        return Optional.empty();
    }
}
