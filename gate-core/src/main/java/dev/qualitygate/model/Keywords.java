package dev.qualitygate.model;

import java.util.Locale;
import java.util.Optional;

/** Shared lookup of enum constants by their lower-case keyword, ignoring case. */
final class Keywords {
    private Keywords() {
    }

    static <E extends Enum<E>> Optional<E> find(Class<E> type, String keyword) {
        String wanted = keyword.toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String of(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
