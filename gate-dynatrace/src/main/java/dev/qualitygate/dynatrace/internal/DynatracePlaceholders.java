package dev.qualitygate.dynatrace.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders only Keptn's dynatrace-service knew, after gate-core filled the common ones (SLO filters,
 * {@code $PROJECT}, {@code $STAGE}, {@code $SERVICE}, {@code $DEPLOYMENT}, {@code $LABEL.name}):
 * <ul>
 *   <li>{@code $CONTEXT}, {@code $EVENT}, {@code $SOURCE} and {@code $TESTSTRATEGY}, which Keptn took from its
 *       event, come from the labels {@code context}, {@code event}, {@code source} and {@code teststrategy};</li>
 *   <li>{@code $ENV.NAME} is the environment variable {@code NAME} (the longest name of letters, digits and
 *       {@code _} after {@code $ENV.}).</li>
 * </ul>
 * Where Keptn left a placeholder without value in the query, and so asked Dynatrace for something else, the query
 * is refused: a {@code $LABEL.name} without such a label, one of the four above without its label, or an unset
 * environment variable. Internal; not API.
 */
public final class DynatracePlaceholders {
    private static final Map<String, String> FROM_LABELS = Map.of(
            "$CONTEXT", "context", "$EVENT", "event", "$SOURCE", "source", "$TESTSTRATEGY", "teststrategy");
    private static final Pattern LABEL = Pattern.compile("\\$LABEL\\.([A-Za-z0-9_.\\-]+)");
    private static final Pattern ENV = Pattern.compile("\\$ENV\\.([A-Za-z_][A-Za-z0-9_]*)");

    private DynatracePlaceholders() {
    }

    /**
     * A query with its placeholders filled.
     *
     * @param shown the query for messages: every placeholder filled except {@code $ENV.NAME}, whose values may be
     *     private
     * @param sent the query as sent to Dynatrace
     */
    public record Filled(String shown, String sent) {
    }

    /**
     * Fills the placeholders.
     *
     * @param query the query with the common placeholders filled
     * @param labels the evaluation's labels
     * @param environment environment variable name to value, if set
     * @return the filled query
     * @throws QueryException if a placeholder has no value; the message names it and says how to give one
     */
    public static Filled fill(String query, Map<String, String> labels, Function<String, Optional<String>> environment)
            throws QueryException {
        String shown = query;
        for (String placeholder : new String[] {"$CONTEXT", "$EVENT", "$SOURCE", "$TESTSTRATEGY"}) {
            if (!shown.contains(placeholder)) {
                continue;
            }
            String label = FROM_LABELS.get(placeholder);
            String value = labels.get(label);
            if (value == null) {
                throw new QueryException("the placeholder " + placeholder + " has no value: give the evaluation the"
                        + " label " + label + " (gate evaluate --label " + label + "=...)");
            }
            shown = shown.replace(placeholder, value);
        }
        Matcher label = LABEL.matcher(shown);
        if (label.find()) {
            throw new QueryException("the placeholder " + label.group() + " has no value: the evaluation has no label "
                    + label.group(1) + " (gate evaluate --label " + label.group(1) + "=...)");
        }
        StringBuilder sent = new StringBuilder();
        Matcher env = ENV.matcher(shown);
        while (env.find()) {
            String name = env.group(1);
            Optional<String> value = environment.apply(name);
            if (value.isEmpty()) {
                throw new QueryException("the placeholder " + env.group() + " has no value: the environment variable "
                        + name + " is not set");
            }
            env.appendReplacement(sent, Matcher.quoteReplacement(value.get()));
        }
        env.appendTail(sent);
        return new Filled(shown, sent.toString());
    }
}
