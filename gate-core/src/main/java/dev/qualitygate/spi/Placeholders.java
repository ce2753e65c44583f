package dev.qualitygate.spi;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.TimeWindow;
import java.util.Map;

/**
 * Fills Keptn's placeholders in an SLI query, in Keptn's order and with its plain substring replacement:
 * <ol>
 *   <li>each SLO {@code filter} entry, its value without {@code '} and {@code "}, replaces {@code $key} and
 *       {@code $KEY};</li>
 *   <li>{@code $PROJECT}, {@code $STAGE}, {@code $SERVICE}, {@code $DEPLOYMENT};</li>
 *   <li>{@code $LABEL.name} for each label;</li>
 *   <li>{@code $DURATION_SECONDS}: the window length in whole seconds, rounded up, followed by {@code s}.</li>
 * </ol>
 * As in Keptn, replacement is by substring: {@code $PROJECT_ID} becomes {@code <project>_ID}.
 *
 * @since 0.1
 */
public final class Placeholders {
    private Placeholders() {
    }

    /**
     * Fills the placeholders.
     *
     * @param template the query as written
     * @param context project, stage, service, deployment and labels
     * @param window the evaluated window
     * @param filters the SLO filter
     * @return the query with placeholders filled
     */
    public static String fill(String template, EvaluationContext context, TimeWindow window,
            Map<String, String> filters) {
        String q = template;
        for (Map.Entry<String, String> f : filters.entrySet()) {
            String value = f.getValue().replace("'", "").replace("\"", "");
            q = q.replace("$" + f.getKey(), value).replace("$" + f.getKey().toUpperCase(java.util.Locale.ROOT), value);
        }
        q = q.replace("$PROJECT", context.project())
                .replace("$STAGE", context.stage())
                .replace("$SERVICE", context.service())
                .replace("$DEPLOYMENT", context.deployment());
        for (Map.Entry<String, String> l : context.labels().entrySet()) {
            q = q.replace("$LABEL." + l.getKey(), l.getValue());
        }
        java.time.Duration length = window.duration();
        long seconds = length.getSeconds() + (length.getNano() > 0 ? 1 : 0);
        return q.replace("$DURATION_SECONDS", seconds + "s");
    }
}
