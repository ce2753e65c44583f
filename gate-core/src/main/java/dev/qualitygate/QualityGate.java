package dev.qualitygate;

import dev.qualitygate.engine.Evaluator;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.Slo;
import dev.qualitygate.yaml.GateYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates indicator values you already have against an SLO: no metric source, no network, no store. The way to
 * use QualityGate in a unit test or wherever the numbers come from elsewhere.
 *
 * <pre>{@code
 * QualityGate gate = QualityGate.fromSlo(Path.of("slo.yaml"));
 * EvaluationResult first = gate.evaluate(Map.of("response_time_p95", 410.0));
 * EvaluationResult second = gate.evaluate(Map.of("response_time_p95", 470.0), List.of(first));
 * second.result();                                   // FAIL: more than 10% slower than the first build
 * second.objective("response_time_p95").orElseThrow().explanation();
 * }</pre>
 *
 * <p>Results carry no id, context or time; use {@link Gate} to fetch, store and label evaluations. Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class QualityGate {
    private final Slo slo;
    private final String sloFileContent;

    private QualityGate(Slo slo, String sloFileContent) {
        this.slo = slo;
        this.sloFileContent = sloFileContent;
    }

    /**
     * Loads the SLO file.
     *
     * @param sloFile the {@code slo.yaml}
     * @return the gate
     * @throws GateConfigException if the file cannot be read or is invalid; lists every problem
     */
    public static QualityGate fromSlo(Path sloFile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(sloFile);
        } catch (IOException e) {
            throw new GateConfigException(Problem.of(sloFile.toString(), "cannot read the file: "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString())));
        }
        return new QualityGate(GateYaml.readSlo(bytes, sloFile.toString()), Base64.getEncoder().encodeToString(bytes));
    }

    /**
     * Reads the SLO from YAML text.
     *
     * @param yaml the content of an {@code slo.yaml}
     * @return the gate
     * @throws GateConfigException if the text is invalid
     */
    public static QualityGate fromSloYaml(String yaml) {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        return new QualityGate(GateYaml.readSlo(bytes, "slo.yaml"), Base64.getEncoder().encodeToString(bytes));
    }

    /**
     * Uses an SLO built in code.
     *
     * @param slo the SLO
     * @return the gate
     */
    public static QualityGate of(Slo slo) {
        return new QualityGate(Objects.requireNonNull(slo, "slo"), "");
    }

    /**
     * The SLO, with Keptn's defaults applied.
     *
     * @return the SLO
     */
    public Slo slo() {
        return slo;
    }

    /**
     * Evaluates measured values without history (relative criteria count as met, as for a first build).
     *
     * @param values SLI name to measured number
     * @return the result
     */
    public EvaluationResult evaluate(Map<String, ? extends Number> values) {
        return evaluate(IndicatorValues.of(values), List.of());
    }

    /**
     * Evaluates measured values against earlier evaluations.
     *
     * @param values SLI name to measured number
     * @param history earlier evaluations of the same service, oldest first
     * @return the result
     */
    public EvaluationResult evaluate(Map<String, ? extends Number> values, List<EvaluationResult> history) {
        return evaluate(IndicatorValues.of(values), history);
    }

    /**
     * Evaluates values, some of which may be failed retrievals, without history.
     *
     * @param values the values
     * @return the result
     */
    public EvaluationResult evaluate(IndicatorValues values) {
        return evaluate(values, List.of());
    }

    /**
     * Evaluates values, some of which may be failed retrievals, against earlier evaluations.
     *
     * @param values the values
     * @param history earlier evaluations of the same service, oldest first
     * @return the result
     */
    public EvaluationResult evaluate(IndicatorValues values, List<EvaluationResult> history) {
        EvaluationResult result = Evaluator.evaluate(slo, values.values(), history);
        return sloFileContent.isEmpty() ? result : result.toBuilder().sloFileContent(sloFileContent).build();
    }
}
