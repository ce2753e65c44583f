package dev.qualitygate.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the fake plugins were asked to do, in order. */
final class Journal {
    private final List<String> entries = new CopyOnWriteArrayList<>();

    void add(String entry) {
        entries.add(entry);
    }

    List<String> entries() {
        return List.copyOf(entries);
    }
}
