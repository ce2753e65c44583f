package dev.qualitygate.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.model.EvaluationContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text of Keptn's prometheus-service built-in queries, as that service built them. */
class BuiltInQueriesTest {
    private static final EvaluationContext CARTS = EvaluationContext.of("sockshop", "dev", "carts");

    @Test
    void of_withoutFilters_selectsTheCanaryJobOfServiceProjectAndStage() {
        assertThat(BuiltInQueries.of("throughput", CARTS, Map.of()))
                .isEqualTo("sum(rate(http_requests_total{job='carts-sockshop-dev-canary'}[$DURATION_SECONDS]))");
        assertThat(BuiltInQueries.of("error_rate", CARTS, Map.of())).isEqualTo(
                "sum(rate(http_requests_total{job='carts-sockshop-dev-canary',status!~'2..'}[$DURATION_SECONDS]))"
                        + "/sum(rate(http_requests_total{job='carts-sockshop-dev-canary'}[$DURATION_SECONDS]))");
        assertThat(BuiltInQueries.of("response_time_p50", CARTS, Map.of())).isEqualTo("histogram_quantile(0.50,"
                + "sum(rate(http_response_time_milliseconds_bucket{job='carts-sockshop-dev-canary'}"
                + "[$DURATION_SECONDS]))by(le))");
        assertThat(BuiltInQueries.of("response_time_p90", CARTS, Map.of())).startsWith("histogram_quantile(0.90,");
        assertThat(BuiltInQueries.of("response_time_p95", CARTS, Map.of())).startsWith("histogram_quantile(0.95,");
    }

    @Test
    void of_filters_becomeMatchersWithTheirOperatorOrEqualsWithoutQuotes() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("handler", "'ItemsController'");
        filters.put("method", "\"GET\"");
        filters.put("path", "!=\"/health\"");
        filters.put("status", "=~5..");

        assertThat(BuiltInQueries.of("throughput", CARTS, filters)).isEqualTo("sum(rate(http_requests_total{"
                + "job='carts-sockshop-dev-canary',handler='ItemsController',method='GET',path!='/health',"
                + "status=~5..}[$DURATION_SECONDS]))");
    }

    @Test
    void of_jobFilter_replacesTheDefaultJob() {
        assertThat(BuiltInQueries.of("throughput", CARTS, Map.of("job", "carts-primary")))
                .isEqualTo("sum(rate(http_requests_total{job='carts-primary'}[$DURATION_SECONDS]))");
    }

    @Test
    void of_otherSli_hasNone() {
        assertThat(BuiltInQueries.of("cpu_usage", CARTS, Map.of())).isNull();
        assertThat(BuiltInQueries.of("Throughput", CARTS, Map.of())).isNull();
    }
}
