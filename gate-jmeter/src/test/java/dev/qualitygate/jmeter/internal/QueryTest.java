package dev.qualitygate.jmeter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p95(elapsed)|PERCENTILE|ELAPSED",
        "p99.9()|PERCENTILE|ELAPSED",
        "  p50 ( latency )  |PERCENTILE|LATENCY",
        "mean(connect) where label ~ \"GET /api/.*\" and success = true|MEAN|CONNECT",
        "error_rate() where label != \"health\" and label !~ \"static.*\"|ERROR_RATE|ELAPSED",
        "throughput()|THROUGHPUT|ELAPSED",
        "count() where label = \"say \\\"hi\\\" \\\\ bye\"|COUNT|ELAPSED",
    })
    void parse_validQueries_readFunctionAndField(String text, Query.Function function, Field field) {
        Query q = Query.parse(text);

        assertThat(q.function()).isEqualTo(function);
        assertThat(q.field()).isEqualTo(field);
        assertThat(q).hasToString(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|1|the query is empty",
        "p96x(elapsed)|1|unknown aggregate 'p96x'",
        "p101()|1|the percentile must be above 0 and at most 100, was 101",
        "avg(elapsed)|1|unknown aggregate 'avg'",
        "mena(elapsed)|1|(did you mean mean?)",
        "p95 elapsed|5|expected '(' after p95, found 'e'",
        "p95(elapsd)|5|unknown field 'elapsd' (did you mean elapsed?)",
        "p95(elapsed|12|expected ')' but the query ends",
        "count(elapsed)|7|count() takes no field",
        "p95() label = \"x\"|7|expected 'where' or the end of the query",
        "p95() where lable = \"x\"|13|unknown column 'lable' (did you mean label?)",
        "p95() where label == \"x\"|19|expected =, !=, ~ or !~ after label, found '=='",
        "p95() where label = x|21|expected a string in double quotes, found 'x'",
        "p95() where label = \"x|21|the string is not closed",
        "p95() where label ~ \"GET (\"|27|invalid regular expression",
        "p95() where label = \"a\" or label = \"b\"|25|expected 'and' or the end of the query, found 'or",
        "p95() where success = yes|23|expected true or false after success =",
        "p95() where success = true and success = false|32|success is already set",
    })
    void parse_invalidQueries_failAtTheColumnWithTheReason(String text, int column, String message) {
        QueryException e = catchThrowableOfType(QueryException.class, () -> Query.parse(text));

        assertThat(e).as(text).isNotNull();
        assertThat(e.getMessage()).contains(message);
        assertThat(e.column()).as("column of the mistake in %s: %s", text, e.getMessage()).isEqualTo(column);
    }

    @Test
    void parse_placeholdersInsideStrings_areAccepted() {
        assertThat(Query.parse("p95() where label ~ \"$SERVICE /api/.*\"").function())
                .isEqualTo(Query.Function.PERCENTILE);
    }
}
