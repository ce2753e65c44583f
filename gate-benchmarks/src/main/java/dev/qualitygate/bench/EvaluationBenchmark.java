package dev.qualitygate.bench;

import dev.qualitygate.engine.Evaluator;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.Slo;
import dev.qualitygate.yaml.GateYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation of a 10-objective SLO against a 10-build history, on one thread: the engine's cost per gate.
 * Target: at least 200,000 evaluations per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EvaluationBenchmark {
    private Slo slo;
    private Map<String, IndicatorValue> values;
    private List<EvaluationResult> history;

    /** Builds the SLO, the current values and ten earlier evaluations. */
    @Setup
    public void setUp() {
        slo = GateYaml.readSlo(Fixtures.tenObjectiveSlo(), "bench-slo.yaml");
        history = new ArrayList<>();
        for (int build = 0; build < 10; build++) {
            EvaluationResult r = Evaluator.evaluate(slo, Fixtures.values(build).values(), history);
            history.add(r.toBuilder().id("build-" + build).build());
        }
        values = Fixtures.values(10).values();
    }

    /**
     * Scores the current values.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public EvaluationResult evaluate() {
        return Evaluator.evaluate(slo, values, history);
    }

    /** Shared benchmark inputs. */
    static final class Fixtures {
        private Fixtures() {
        }

        static String tenObjectiveSlo() {
            StringBuilder sb = new StringBuilder("""
                    spec_version: "1.0"
                    comparison:
                      compare_with: several_results
                      include_result_with_score: all
                      number_of_comparison_results: 10
                      aggregate_function: avg
                    objectives:
                    """);
            for (int i = 0; i < 10; i++) {
                sb.append("  - sli: sli_").append(i).append('\n')
                        .append("    key_sli: ").append(i == 0).append('\n')
                        .append("    pass:\n")
                        .append("      - criteria: [\"<=+10%\", \"<600\"]\n")
                        .append("      - criteria: [\"<200\"]\n")
                        .append("    warning:\n")
                        .append("      - criteria: [\"<=800\"]\n");
            }
            sb.append("total_score:\n  pass: \"90%\"\n  warning: \"75%\"\n");
            return sb.toString();
        }

        static IndicatorValues values(int build) {
            Map<String, IndicatorValue> v = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                v.put("sli_" + i, IndicatorValue.of(300 + 7 * i + (build % 3) * 5));
            }
            return new IndicatorValues(v);
        }
    }
}
