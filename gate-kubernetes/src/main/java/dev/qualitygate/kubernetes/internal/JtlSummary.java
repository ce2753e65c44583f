package dev.qualitygate.kubernetes.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Counts the samples of a JMeter CSV results file (JTL): rows after a header that has a {@code success} column, and
 * those whose {@code success} is not {@code true}. Internal; not API.
 *
 * @param samples the rows
 * @param failed the failed rows
 * @param failures the first failure descriptions
 */
record JtlSummary(long samples, long failed, List<String> failures) {
    private static final int MAX_FAILURES = 5;

    /** Summarises CSV results, or returns {@code null} when the text has no header with a success column. */
    static @Nullable JtlSummary of(String csv) {
        String[] lines = csv.split("\r?\n");
        if (lines.length == 0) {
            return null;
        }
        List<String> header = split(lines[0]);
        int success = indexOf(header, "success");
        if (success < 0) {
            return null;
        }
        int label = indexOf(header, "label");
        int code = indexOf(header, "responsecode");
        int message = indexOf(header, "failuremessage");
        int responseMessage = indexOf(header, "responsemessage");
        long samples = 0;
        long failed = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank() || lines[i].equals(lines[0])) {
                continue;
            }
            List<String> row = split(lines[i]);
            samples++;
            if (!"true".equalsIgnoreCase(get(row, success))) {
                failed++;
                if (failures.size() < MAX_FAILURES) {
                    String why = get(row, message).isEmpty() ? get(row, responseMessage) : get(row, message);
                    failures.add((get(row, label) + ": " + get(row, code) + " " + why).trim());
                }
            }
        }
        return new JtlSummary(samples, failed, failures);
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String get(List<String> row, int index) {
        return index >= 0 && index < row.size() ? row.get(index) : "";
    }

    /** Splits one CSV line, honouring double quotes ({@code ""} inside quotes is one quote). */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
