package dev.qualitygate.history;

import java.util.regex.Pattern;

/** The form of run ids; see {@link EventLog#isValidRunId(String)}. */
final class RunIds {
    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private RunIds() {
    }
}
