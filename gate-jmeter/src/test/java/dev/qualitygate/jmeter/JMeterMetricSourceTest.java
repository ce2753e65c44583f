package dev.qualitygate.jmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qualitygate.Gate;
import dev.qualitygate.Plugins;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.TestRunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JMeterMetricSourceTest {
    private static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
            + "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect";
    private static final TimeWindow WINDOW = new TimeWindow(Instant.ofEpochMilli(0), Instant.ofEpochMilli(10_000));
    private static final EvaluationContext CONTEXT = EvaluationContext.of("shop", "staging", "carts");

    @TempDir
    Path dir;

    private Path results() throws IOException {
        return Files.writeString(dir.resolve("results.jtl"), HEADER + "\n"
                + "1000,100,GET /api/items,200,OK,g 1-1,text,true,,1,1,1,1,u,90,0,3\n"
                + "1100,300,GET /api/items,500,Internal Server Error,g 1-1,text,false,,1,1,1,1,u,280,0,1\n"
                + "1200,200,carts GET /api/cart,200,OK,g 1-1,text,true,,1,1,1,1,u,150,0,2\n"
                + "1300,oops,GET /api/items,200,OK,g 1-1,text,true,,1,1,1,1,u,1,0,0\n");
    }

    private Path slo() throws IOException {
        return Files.writeString(dir.resolve("slo.yaml"), String.join("\n",
                "objectives:",
                "  - sli: p95",
                "    pass: [{criteria: [\"<=600\"]}]",
                "  - sli: errors",
                "    pass: [{criteria: [\"<=10\"]}]",
                "  - sli: rate",
                "  - sli: cart",
                "total_score: {pass: \"90%\", warning: \"75%\"}",
                ""));
    }

    private Gate.Builder gate(Path sli, Path results) throws IOException {
        return Gate.builder().slo(slo()).sli(sli).plugins(Plugins.discover())
                .source("jmeter", Map.of("file", results.toString()));
    }

    @Test
    void gate_queriesOverTheFile_areAnsweredFromOneRead_withTheBrokenRowInTheNote() throws IOException {
        Path sli = Files.writeString(dir.resolve("sli.yaml"), String.join("\n",
                "indicators:",
                "  p95: p95(elapsed) where label ~ \"GET /api/.*\"",
                "  errors: error_rate()",
                "  rate: throughput()",
                "  cart: mean(latency) where label = \"$SERVICE GET /api/cart\"",
                ""));

        IndicatorValues values;
        try (Gate g = gate(sli, results()).build()) {
            values = g.fetch(CONTEXT, WINDOW);
        }

        assertThat(values.values().get("p95")).isInstanceOf(IndicatorValue.Measured.class)
                .extracting(v -> ((IndicatorValue.Measured) v).value()).isEqualTo(300.0);
        assertThat(((IndicatorValue.Measured) values.values().get("errors")).value()).isCloseTo(100.0 / 3,
                org.assertj.core.api.Assertions.offset(1e-9));
        assertThat(((IndicatorValue.Measured) values.values().get("rate")).value()).isEqualTo(3 * 1000.0 / 400);
        assertThat(((IndicatorValue.Measured) values.values().get("cart")).value()).isEqualTo(150.0);
        assertThat(((IndicatorValue.Measured) values.values().get("p95")).note())
                .isEqualTo("1 row of " + dir.resolve("results.jtl") + " could not be read and was left out: line 5:"
                        + " elapsed is not a whole number of milliseconds");
    }

    @Test
    void measuring_aTestRun_readsThatRunsResultsFileInsteadOfTheConfiguredOne() throws IOException {
        Path configured = Files.writeString(dir.resolve("configured.jtl"), HEADER + "\n"
                + "1000,999,GET /api/items,200,OK,g 1-1,text,true,,1,1,1,1,u,90,0,3\n");
        MetricSource source = new JMeterMetricSourceProvider().create(ProviderConfig.of("test",
                Map.of("file", configured.toString())), ProviderContext.defaults());
        TestRunResult run = new TestRunResult(Verdict.PASS, WINDOW, 3, 1, List.of(), results(), "ran");
        IndicatorQuery query = IndicatorQuery.of("max", "max(elapsed)", WINDOW, CONTEXT, Map.of());

        MetricSource measuring = source.measuring(run);
        TestRunResult withoutFile = new TestRunResult(Verdict.PASS, WINDOW, 0, 0, List.of(), null, "ran");

        assertThat(((IndicatorValue.Measured) measuring.fetch(query)).value()).isEqualTo(300.0);
        assertThat(((IndicatorValue.Measured) source.fetch(query)).value()).isEqualTo(999.0);
        assertThat(source.measuring(withoutFile)).isSameAs(source);
    }

    @Test
    void source_manyQueries_readTheFileOnce() throws IOException {
        MetricSource source = new JMeterMetricSourceProvider().create(ProviderConfig.of("test",
                Map.of("file", results().toString())), ProviderContext.defaults());
        for (String q : new String[] {"p95()", "p99(elapsed)", "count()", "error_rate() where label = \"x\"",
            "mean(latency)"}) {
            source.fetch(IndicatorQuery.of("s", q, WINDOW, CONTEXT, Map.of()));
        }

        assertThat(source).extracting("reads").as("reads: once, and once more for the first latency query")
                .isEqualTo(2);
    }

    @Test
    void gate_invalidQueries_areLocatedErrorsInTheSliFile_allAtOnce() throws IOException {
        Path sli = Files.writeString(dir.resolve("sli.yaml"), String.join("\n",
                "indicators:",
                "  p95: p95(elapsd) where label ~ \"GET /api/.*\"",
                "  errors: \"error_rate() where lable = 'x'\"",
                "  rate: throughput()",
                "  cart: count()",
                ""));

        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> gate(sli, results()).build());

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                sli + ":2:12: indicators.p95: query column 5: unknown field 'elapsd' (did you mean elapsed?); one of"
                        + " elapsed, latency, connect (was \"p95(elapsd) where label ~ \\\"GET /api/.*\\\"\")",
                sli + ":3:31: indicators.errors: query column 20: unknown column 'lable' (did you mean label?);"
                        + " conditions are on label or success (was \"error_rate() where lable = 'x'\")");
    }

    @Test
    void fetch_invalidQueryAfterPlaceholders_isAFailedValueNamingSliAndColumn() throws IOException {
        MetricSource source = new JMeterMetricSourceProvider().create(ProviderConfig.of("test",
                Map.of("file", results().toString())), ProviderContext.defaults());

        IndicatorValue v = source.fetch(IndicatorQuery.of("rt", "p95() where label = $SERVICE", WINDOW, CONTEXT,
                Map.of()));

        assertThat(v).isEqualTo(IndicatorValue.failed("invalid query for SLI 'rt' at column 21: expected a string"
                + " in double quotes, found 'carts' (query: p95() where label = carts)"));
    }

    @Test
    void fetch_noMatchingSampleOrMissingFile_failedValuesWithTheReason() throws IOException {
        MetricSource source = new JMeterMetricSourceProvider().create(ProviderConfig.of("test",
                Map.of("file", results().toString())), ProviderContext.defaults());
        MetricSource missing = new JMeterMetricSourceProvider().create(ProviderConfig.of("test",
                Map.of("file", dir.resolve("none.jtl").toString())), ProviderContext.defaults());

        assertThat(source.fetch(IndicatorQuery.of("x", "p95() where label = \"nope\"", WINDOW, CONTEXT, Map.of())))
                .isInstanceOf(IndicatorValue.Failed.class).asString()
                .contains("no sample of").contains("matches 'p95() where label = \"nope\"'")
                .contains("[GET /api/items, carts GET /api/cart]");
        assertThat(missing.fetch(IndicatorQuery.of("x", "p95()", WINDOW, CONTEXT, Map.of())))
                .isEqualTo(IndicatorValue.failed("results file " + dir.resolve("none.jtl") + " does not exist"));
    }

    @Test
    void fetch_useWindow_countsOnlySamplesStartingInTheWindow() throws IOException {
        MetricSource source = new JMeterMetricSourceProvider().create(ProviderConfig.of("test",
                Map.of("file", results().toString(), "useWindow", true)), ProviderContext.defaults());
        TimeWindow window = new TimeWindow(Instant.ofEpochMilli(1050), Instant.ofEpochMilli(1250));

        IndicatorValue v = source.fetch(IndicatorQuery.of("n", "count()", window, CONTEXT, Map.of()));

        assertThat(((IndicatorValue.Measured) v).value()).isEqualTo(2);
        assertThat(((IndicatorValue.Measured) v).note()).contains("1 of 3 samples started outside the evaluated"
                + " window");
    }

    @Test
    void create_badSettings_listEveryProblem() {
        assertThatThrownBy(() -> new JMeterMetricSourceProvider().create(ProviderConfig.of("gate.yaml: sources.jmeter",
                Map.of("file", "", "format", "json", "delimiter", ";;", "threads", 0)), ProviderContext.defaults()))
                .isInstanceOf(GateConfigException.class)
                .hasMessageContaining("file: must name the JTL results file")
                .hasMessageContaining("format: must be auto, csv or xml")
                .hasMessageContaining("delimiter: must be one character")
                .hasMessageContaining("threads:");
        assertThatThrownBy(() -> new JMeterMetricSourceProvider().create(ProviderConfig.of("gate.yaml",
                Map.of("file", "r.jtl", "timestampFormat", "yyyy-MM-dd {x}")), ProviderContext.defaults()))
                .isInstanceOf(GateConfigException.class)
                .hasMessageContaining("timestampFormat: is not a DateTimeFormatter pattern");
    }
}
