package dev.qualitygate.internal;

import dev.qualitygate.criteria.GoNumbers;
import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Helpers for validation messages and Keptn's number formats. Internal; not API. */
public final class Messages {
    private Messages() {
    }

    /**
     * Escapes text for use as a Jakarta Validation message template.
     *
     * @param message plain text
     * @return the text with the template's special characters escaped
     */
    public static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }

    /**
     * Reads a Keptn total-score percentage: one trailing {@code %} removed, the rest read as Go's ParseFloat would.
     *
     * @param text for example {@code "90%"}
     * @return the number
     * @throws NumberFormatException if it is not a number
     */
    public static double percentage(String text) {
        String s = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
        return GoNumbers.parseFinite(s);
    }

    /**
     * The candidate a mistyped word most likely meant: equal after ignoring case, {@code -} and {@code _}, or within
     * an edit distance of 2.
     *
     * @param wrong the word as written
     * @param candidates the accepted words
     * @return the best candidate, or {@code null} if none is close
     */
    public static @Nullable String suggest(String wrong, Collection<String> candidates) {
        String normalized = normalize(wrong);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (normalize(c).equals(normalized)) {
                return c;
            }
            int d = distance(wrong.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= 2 && bestDistance < wrong.length() ? best : null;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
