package dev.qualitygate.dynatrace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.dynatrace.internal.SliQuery.Scale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SliQueryParserTest {

    @Test
    void parse_keyValueQuery_keepsValuesAsWritten() throws QueryException {
        SliQuery q = SliQueryParser.parse("  metricSelector=builtin:service.requestCount.total:merge(0):sum"
                + "&entitySelector=tag(keptn_project:shop),type(SERVICE)&mzSelector=mzId(123)&resolution=10m ");

        assertThat(q).isEqualTo(new SliQuery.Metrics("builtin:service.requestCount.total:merge(0):sum",
                "tag(keptn_project:shop),type(SERVICE)", "10m", "mzId(123)", Scale.NONE, false));
    }

    @Test
    void parse_entitySelectorFirst_isTheSameQuery() throws QueryException {
        assertThat(SliQueryParser.parse("entitySelector=type(SERVICE)&metricSelector=builtin:a"))
                .isEqualTo(new SliQuery.Metrics("builtin:a", "type(SERVICE)", null, null, Scale.NONE, false));
    }

    @Test
    void parse_bareSelector_isLegacyWithResolutionInf() throws QueryException {
        assertThat(SliQueryParser.parse("builtin:service.response.time:merge(0):percentile(95)"))
                .isEqualTo(new SliQuery.Metrics("builtin:service.response.time:merge(0):percentile(95)", null, "Inf",
                        null, Scale.NONE, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "builtin:a:merge(0)?scope=tag(keptn_project:p)|tag(keptn_project:p),type(SERVICE)",
        "builtin:a:merge(0)?scope=type(SERVICE),tag(x)|type(SERVICE),tag(x)"})
    void parse_scopeForm_becomesEntitySelectorWithServiceType(String text, String entitySelector)
            throws QueryException {
        SliQuery.Metrics q = (SliQuery.Metrics) SliQueryParser.parse(text);

        assertThat(q.metricSelector()).isEqualTo("builtin:a:merge(0)");
        assertThat(q.entitySelector()).isEqualTo(entitySelector);
        assertThat(q.resolution()).isEqualTo("Inf");
        assertThat(q.legacy()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MV2;MicroSecond;metricSelector=builtin:a|MICROSECONDS_TO_MILLISECONDS",
        "MV2;microsecond;metricSelector=builtin:a|MICROSECONDS_TO_MILLISECONDS",
        "MV2;Microsecond;metricSelector=builtin:a|MICROSECONDS_TO_MILLISECONDS",
        "MV2;microSecond;metricSelector=builtin:a|MICROSECONDS_TO_MILLISECONDS",
        "MV2;Byte;metricSelector=builtin:a|BYTES_TO_KILOBYTES",
        "MV2;byte;metricSelector=builtin:a|BYTES_TO_KILOBYTES"})
    void parse_mv2_readsTheUnitInKeptnsSpellings(String text, Scale scale) throws QueryException {
        assertThat(((SliQuery.Metrics) SliQueryParser.parse(text)).scale()).isEqualTo(scale);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MV2;;metricSelector=builtin:a|MV2;MicroSecond;<query>",
        "MV2;metricSelector=builtin:a|MV2;MicroSecond;<query>",
        "MV2;MicroSeconds;metricSelector=builtin:a|not 'MicroSeconds'",
        "MV2;Bytes;metricSelector=builtin:a|not 'Bytes'",
        "MV2;Percent;metricSelector=builtin:a|not 'Percent'",
        "MV2;Byte;builtin:a|must be metricSelector=",
        "metricSelector=builtin:a&scope=x|unknown key 'scope' in a metrics query",
        "metricSelector=builtin:a&metricSelector=builtin:b|'metricSelector' appears twice",
        "entitySelector=type(SERVICE)|needs metricSelector",
        "metricSelector=|cannot read 'metricSelector='",
        "metricSelector=builtin:a&&entitySelector=type(SERVICE)|cannot read ''",
        "?metricSelector=builtin:a|no leading '?'",
        "builtin:a?entitySelector=x|unknown key 'entitySelector' in the old selector?scope=... form",
        "SLO;|needs the SLO's id",
        "PV2;|needs key=value pairs",
        "PV2;problemSelector=status(open)&status=x|unknown key 'status'",
        "SECPV2;problemSelector=x|unknown key 'problemSelector'",
        "USQL;COLUMN_CHART;SELECT x FROM usersession|USQL;<result type>;<dimension>;<query>",
        "USQL;LINE_CHART;d;SELECT x FROM usersession|unknown USQL result type 'LINE_CHART'",
        "USQL;SINGLE_VALUE;d;SELECT x FROM usersession|has no dimension",
        "USQL;TABLE;;SELECT x FROM usersession|names the dimension",
        "USQL;TABLE;d; |query after the dimension is empty"})
    void parse_invalidQuery_explainsTheForm(String text, String message) {
        assertThatThrownBy(() -> SliQueryParser.parse(text)).isInstanceOf(QueryException.class)
                .hasMessageContaining(message);
    }

    @Test
    void parse_emptyQuery_isRefused() {
        assertThatThrownBy(() -> SliQueryParser.parse("  ")).hasMessage("the query is empty");
    }

    @Test
    void parse_prefixedForms_readTheirParts() throws QueryException {
        assertThat(SliQueryParser.parse("SLO;7d07efde-b714-3e6e-ad95-08490e2540c4"))
                .isEqualTo(new SliQuery.Slo("7d07efde-b714-3e6e-ad95-08490e2540c4"));
        assertThat(SliQueryParser.parse("PV2;entitySelector=type(SERVICE)&problemSelector=status(open)"))
                .isEqualTo(new SliQuery.Problems("status(open)", "type(SERVICE)"));
        assertThat(SliQueryParser.parse("SECPV2;securityProblemSelector=status(OPEN)"))
                .isEqualTo(new SliQuery.SecurityProblems("status(OPEN)"));
        assertThat(SliQueryParser.parse("USQL;TABLE;iOS 12.1.4;SELECT a;b FROM usersession"))
                .isEqualTo(new SliQuery.Usql("TABLE", "iOS 12.1.4", "SELECT a;b FROM usersession"));
    }

    @Test
    void parameters_listSelectorsBeforeResolutionAndOmitMissingOnes() {
        SliQuery.Metrics q = new SliQuery.Metrics("builtin:a", null, "Inf", null, Scale.NONE, false);

        assertThat(q.parameters()).containsExactly(java.util.Map.entry("metricSelector", "builtin:a"),
                java.util.Map.entry("resolution", "Inf"));
        assertThat(q.withSelector("builtin:a:fold()").withResolution("1h").parameters())
                .containsEntry("metricSelector", "builtin:a:fold()").containsEntry("resolution", "1h");
    }
}
