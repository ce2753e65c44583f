package dev.qualitygate.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keptn's placeholder rules, keptn-semantics.md §6.2. */
class PlaceholdersTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final TimeWindow FIVE_MINUTES = new TimeWindow(START, START.plusSeconds(300));
    private static final EvaluationContext CARTS = EvaluationContext.of("sockshop", "staging", "carts");

    private static String fill(String template) {
        return Placeholders.fill(template, CARTS, FIVE_MINUTES, Map.of());
    }

    @Test
    void fill_builtins_areReplacedFromTheContext() {
        assertThat(fill("job=\"$SERVICE-$PROJECT-$STAGE-$DEPLOYMENT\""))
                .isEqualTo("job=\"carts-sockshop-staging-primary\"");
    }

    @Test
    void fill_deployment_comesFromTheContext() {
        assertThat(Placeholders.fill("$DEPLOYMENT", CARTS.withDeployment("canary"), FIVE_MINUTES, Map.of()))
                .isEqualTo("canary");
    }

    @Test
    void fill_everyOccurrence_isReplaced() {
        assertThat(fill("$SERVICE,$SERVICE,$SERVICE")).isEqualTo("carts,carts,carts");
    }

    @Test
    void fill_longerPlaceholderStartingWithABuiltin_isReplacedBySubstring() {
        assertThat(fill("$PROJECT_ID $SERVICENAME")).isEqualTo("sockshop_ID cartsNAME");
    }

    @Test
    void fill_labels_replaceLabelPlaceholders() {
        EvaluationContext ctx = CARTS.withLabel("buildId", "42").withLabel("team", "blue");

        assertThat(Placeholders.fill("b=$LABEL.buildId t=$LABEL.team o=$LABEL.other", ctx, FIVE_MINUTES, Map.of()))
                .isEqualTo("b=42 t=blue o=$LABEL.other");
    }

    @ParameterizedTest
    @CsvSource({
        "PT5M, 300s",
        "PT0.001S, 1s",
        "PT0.5S, 1s",
        "PT1S, 1s",
        "PT1.001S, 2s",
        "PT299.999S, 300s",
        "PT300.0000001S, 301s",
        "PT1H, 3600s",
    })
    void fill_durationSeconds_isTheWindowInWholeSecondsRoundedUp(String length, String expected) {
        TimeWindow window = new TimeWindow(START, START.plus(Duration.parse(length)));

        assertThat(Placeholders.fill("rate(x[$DURATION_SECONDS])", CARTS, window, Map.of()))
                .isEqualTo("rate(x[" + expected + "])");
    }

    @Test
    void fill_filter_replacesKeyAsWrittenAndUpperCased() {
        Map<String, String> filter = Map.of("handler", "ItemsController");

        assertThat(Placeholders.fill("h=$handler H=$HANDLER", CARTS, FIVE_MINUTES, filter))
                .isEqualTo("h=ItemsController H=ItemsController");
    }

    @Test
    void fill_filterWithMixedCaseKey_doesNotReplaceTheLowerCasedForm() {
        Map<String, String> filter = Map.of("Handler", "x");

        assertThat(Placeholders.fill("$Handler $HANDLER $handler", CARTS, FIVE_MINUTES, filter))
                .isEqualTo("x x $handler");
    }

    @Test
    void fill_filterValue_losesItsSingleAndDoubleQuotes() {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("handler", "'ItemsController'");
        filter.put("route", "\"/carts\"/'x'");

        assertThat(Placeholders.fill("$handler $route", CARTS, FIVE_MINUTES, filter))
                .isEqualTo("ItemsController /carts/x");
    }

    @Test
    void fill_filters_areAppliedBeforeBuiltinsAndCanShadowThem() {
        Map<String, String> filter = Map.of("service", "from-filter");

        assertThat(Placeholders.fill("$SERVICE $service $STAGE", CARTS, FIVE_MINUTES, filter))
                .isEqualTo("from-filter from-filter staging");
    }

    @Test
    void fill_filterValueContainingAPlaceholder_isFilledByTheLaterSteps() {
        Map<String, String> filter = Map.of("job", "$SERVICE-$PROJECT");

        assertThat(Placeholders.fill("job=\"$job\"", CARTS, FIVE_MINUTES, filter))
                .isEqualTo("job=\"carts-sockshop\"");
    }

    @Test
    void fill_filters_areAppliedInTheirOrder() {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("a", "$b");
        filter.put("b", "second");

        assertThat(Placeholders.fill("$a", CARTS, FIVE_MINUTES, filter)).isEqualTo("second");
    }

    @Test
    void fill_unknownPlaceholder_staysAsWritten() {
        assertThat(fill("$UNKNOWN $ENV.HOME")).isEqualTo("$UNKNOWN $ENV.HOME");
    }

    @Test
    void indicatorQueryOf_keepsTheTemplateNextToTheFilledQuery() {
        IndicatorQuery q = IndicatorQuery.of("rt", "$SERVICE[$DURATION_SECONDS]", FIVE_MINUTES, CARTS,
                Map.of("k", "v"));

        assertThat(q.query()).isEqualTo("carts[300s]");
        assertThat(q.template()).isEqualTo("$SERVICE[$DURATION_SECONDS]");
        assertThat(q.filters()).containsExactly(Map.entry("k", "v"));
        assertThat(q.window()).isEqualTo(FIVE_MINUTES);
        assertThat(q.context()).isEqualTo(CARTS);
    }
}
