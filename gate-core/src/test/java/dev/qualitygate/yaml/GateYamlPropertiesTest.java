package dev.qualitygate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile and broken input never escapes as anything but {@link GateConfigException}: random bytes, YAML-like noise
 * and small mutations of valid files. That every example completes is what shows the loader does not hang.
 */
class GateYamlPropertiesTest {

    private static final String VALID_SLO = text("full.slo.yaml");
    private static final String VALID_SHIPYARD_02 = text("shipyard-0.2.yaml");
    private static final String VALID_SHIPYARD_01 = text("shipyard-0.1.yaml");
    private static final String VALID_SLI = """
            spec_version: "1.0"
            indicators:
              throughput: "sum(rate(http_requests_total{job='$SERVICE'}[$DURATION_SECONDS]))"
              response_time_p95: "histogram_quantile(0.95, sum(rate(x_bucket[5m])) by (le))"
            """;

    /** Characters that mean something to YAML or to our binders, plus a few that do not. */
    private static final String SIGNIFICANT = ":-[]{}&*!|>'\"%@#`,?~ \t\n\r0123456789.+eE<=>abcxyz_\\\u00e9\u2028\ufeff";

    private static String text(String resource) {
        try (InputStream in = GateYamlPropertiesTest.class.getResourceAsStream("/yaml/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Gen<String> yamlNoise(int maxLength) {
        Gen<Character> significant = Generate.pick(SIGNIFICANT.chars().mapToObj(c -> (char) c).toList());
        Gen<Integer> lengths = integers().between(0, maxLength);
        return in -> {
            int n = lengths.generate(in);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(significant.generate(in));
            }
            return sb.toString();
        };
    }

    /** A valid file with 1 to 6 characters deleted, inserted or replaced. */
    private static Gen<String> mutationsOf(String valid) {
        Gen<Integer> operations = integers().between(1, 6);
        Gen<Integer> kinds = integers().between(0, 2);
        Gen<Integer> positions = integers().between(0, valid.length());
        Gen<Character> inserted = Generate.pick(SIGNIFICANT.chars().mapToObj(c -> (char) c).toList())
                .mix(Generate.characters(0, 0xFFFF).assuming(c -> !Character.isSurrogate(c)), 20);
        return in -> {
            StringBuilder sb = new StringBuilder(valid);
            int n = operations.generate(in);
            for (int i = 0; i < n; i++) {
                int at = Math.min(positions.generate(in), sb.length());
                switch (kinds.generate(in)) {
                    case 0:
                        if (at < sb.length()) {
                            sb.deleteCharAt(at);
                        }
                        break;
                    case 1:
                        sb.insert(at, inserted.generate(in).charValue());
                        break;
                    default:
                        if (at < sb.length()) {
                            sb.setCharAt(at, inserted.generate(in));
                        }
                        break;
                }
            }
            return sb.toString();
        };
    }

    private static final Gen<byte[]> RANDOM_BYTES = Generate.byteArrays(integers().between(0, 400),
            Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));

    /** Runs every reader on the content; each returns a model or throws a GateConfigException, never anything else. */
    private static void modelOrConfigException(byte[] content) {
        loads(() -> GateYaml.readSlo(content, "slo.yaml"));
        loads(() -> GateYaml.readSli(content, "sli.yaml"));
        loads(() -> GateYaml.readShipyard(content, "shipyard.yaml"));
        ValidationReport report = GateYaml.validate(content, "file.yaml", null);
        assertThat(report.valid()).isEqualTo(report.problems().isEmpty());
        report.problems().forEach(p -> assertThat(p.toString()).startsWith("file.yaml"));
    }

    private static void loads(Supplier<Object> reader) {
        Object[] model = new Object[1];
        Throwable thrown = catchThrowable(() -> model[0] = reader.get());
        if (thrown == null) {
            assertThat(model[0]).isNotNull();
            return;
        }
        assertThat(thrown).isExactlyInstanceOf(GateConfigException.class);
        List<Problem> problems = ((GateConfigException) thrown).problems();
        assertThat(problems).isNotEmpty();
        assertThat(thrown.getMessage()).isNotBlank();
    }

    private static void modelOrConfigException(String content) {
        modelOrConfigException(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readers_randomBytes_modelOrGateConfigException() {
        qt().forAll(RANDOM_BYTES).checkAssert(GateYamlPropertiesTest::modelOrConfigException);
    }

    @Test
    void readers_yamlLikeNoise_modelOrGateConfigException() {
        qt().withExamples(500).forAll(yamlNoise(120)).checkAssert(GateYamlPropertiesTest::modelOrConfigException);
    }

    @Test
    void readers_anyUnicodeText_modelOrGateConfigException() {
        qt().withExamples(300).forAll(strings().allPossible().ofLengthBetween(0, 200))
                .checkAssert(GateYamlPropertiesTest::modelOrConfigException);
    }

    @Test
    void readers_mutatedSlo_modelOrGateConfigException() {
        qt().withExamples(400).forAll(mutationsOf(VALID_SLO)).checkAssert(GateYamlPropertiesTest::modelOrConfigException);
    }

    @Test
    void readers_mutatedShipyards_modelOrGateConfigException() {
        qt().withExamples(300).forAll(mutationsOf(VALID_SHIPYARD_02))
                .checkAssert(GateYamlPropertiesTest::modelOrConfigException);
        qt().withExamples(200).forAll(mutationsOf(VALID_SHIPYARD_01))
                .checkAssert(GateYamlPropertiesTest::modelOrConfigException);
    }

    @Test
    void readers_mutatedSli_modelOrGateConfigException() {
        qt().withExamples(200).forAll(mutationsOf(VALID_SLI))
                .checkAssert(GateYamlPropertiesTest::modelOrConfigException);
    }

    @Test
    void readSlo_mutatedSlo_loadedModelIsUsableByTheEvaluator() {
        qt().withExamples(300).forAll(mutationsOf(VALID_SLO)).checkAssert(text -> {
            Throwable thrown = catchThrowable(() -> {
                var slo = GateYaml.readSlo(text, "slo.yaml");
                var values = new java.util.HashMap<String, dev.qualitygate.model.IndicatorValue>();
                slo.objectives().forEach(o -> values.put(o.sli(), dev.qualitygate.model.IndicatorValue.of(100)));
                var result = dev.qualitygate.engine.Evaluator.evaluate(slo, values, List.of());
                assertThat(result.score()).isBetween(0.0, 100.0);
            });
            if (thrown != null) {
                assertThat(thrown).isExactlyInstanceOf(GateConfigException.class);
            }
        });
    }
}
