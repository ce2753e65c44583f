package dev.qualitygate.spi;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.TimeWindow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SLI to fetch.
 *
 * @param indicator the SLI name
 * @param query the query from the SLI file with the common placeholders filled (see {@link Placeholders})
 * @param template the query as written in the SLI file, for sources that fill further placeholders
 * @param window the time window to measure
 * @param context the project, stage, service, deployment and labels of the evaluation
 * @param filters the SLO's {@code filter} entries
 * @since 0.1
 */
public record IndicatorQuery(
        String indicator, String query, String template, TimeWindow window, EvaluationContext context,
        Map<String, String> filters) {

    /** Checks and copies the components. */
    public IndicatorQuery {
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(context, "context");
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    }

    /**
     * A query whose placeholders are filled from the context, window and filters.
     *
     * @param indicator the SLI name
     * @param template the query as written
     * @param window the window
     * @param context the context
     * @param filters the SLO filter
     * @return the query
     */
    public static IndicatorQuery of(String indicator, String template, TimeWindow window, EvaluationContext context,
            Map<String, String> filters) {
        return new IndicatorQuery(indicator, Placeholders.fill(template, context, window, filters), template, window,
                context, filters);
    }
}
