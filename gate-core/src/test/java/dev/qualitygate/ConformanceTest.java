package dev.qualitygate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.qualitygate.engine.Evaluator;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.yaml.GateYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs conformance cases through the Java API: {@code GateYaml.readSlo} on the case's {@code slo} text, then
 * {@code Evaluator.evaluate} with the case's history and current values. The format is described in
 * {@code shared/corpus/conformance/README.md}; where QualityGate deliberately differs from Keptn, a case's
 * {@code ours} block overrides {@code expect}.
 *
 * <p>The shared corpus is found through the system property {@code qualitygate.corpus}; our own cases live in
 * {@code src/test/resources/conformance} and always run.
 */
class ConformanceTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final double SCORE_TOLERANCE = 0.01;

    @TestFactory
    Stream<DynamicTest> sharedCorpus_everyCase_matchesKeptn() {
        return cases(sharedCorpusOrSkip());
    }

    /** Makes the skip visible in Surefire's counts, which do not show an aborted test factory. */
    @Test
    void sharedCorpus_configured_holdsCaseFiles() {
        Path dir = sharedCorpusOrSkip();

        assertThat(caseFiles(dir)).isNotEmpty();
        assertThat(dir.resolve("README.md")).isRegularFile();
    }

    /** The conformance directory of the shared corpus, or a skipped test when it is not configured. */
    private static Path sharedCorpusOrSkip() {
        String corpus = System.getProperty("qualitygate.corpus", "");
        Path dir = corpus.isBlank() ? null : Path.of(corpus, "conformance");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "shared conformance corpus not found (qualitygate.corpus=\"" + corpus + "\"): run with"
                        + " -Dqualitygate.corpus=/path/to/shared/corpus");
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> ownCases_everyCase_matchesKeptnOrOurDocumentedDifference() throws URISyntaxException {
        URL url = ConformanceTest.class.getResource("/conformance");
        assertThat(url).as("src/test/resources/conformance on the test classpath").isNotNull();
        Path dir = Path.of(url.toURI());
        List<Path> files = caseFiles(dir);
        assertThat(files).as("own conformance cases").hasSizeGreaterThanOrEqualTo(10);
        files.forEach(f -> assertThat(read(f).path("source").asString("")).as("source: line of %s", f)
                .isNotBlank());
        return cases(dir);
    }

    private static Stream<DynamicTest> cases(Path dir) {
        List<Path> files = caseFiles(dir);
        assertThat(files).as("case files in %s", dir).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(
                f.getFileName() + ": " + read(f).path("name").asString(""), f.toUri(), () -> run(f)));
    }

    private static List<Path> caseFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path file) {
        JsonNode c = read(file);
        String sloText = c.path("slo").asString("");
        assertThat(sloText).as("slo of %s", file).isNotBlank();
        JsonNode expect = c.path("expect");
        JsonNode ours = c.path("ours");

        if (ours.path("error").asBoolean(false)) {
            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> GateYaml.readSlo(sloText, "slo.yaml"));
            assertThat(e).as("%s must be refused with a validation error", file.getFileName()).isNotNull();
            assertThat(e.problems()).isNotEmpty();
            return;
        }

        Slo slo = GateYaml.readSlo(sloText, "slo.yaml");
        EvaluationResult result = Evaluator.evaluate(slo, currentValues(c.path("current")), history(c.path("history")));

        String expectedResult = pick(ours, expect, "result").asString();
        assertThat(result.result().keyword()).as("result of %s (score %s, message %s)", file.getFileName(),
                result.score(), result.message()).isEqualTo(expectedResult);
        JsonNode score = pick(ours, expect, "score");
        if (!score.isMissingNode()) {
            assertThat(result.score()).as("score of %s", file.getFileName())
                    .isCloseTo(score.asDouble(), within(SCORE_TOLERANCE));
        }
        JsonNode objectives = pick(ours, expect, "objectives");
        for (Map.Entry<String, JsonNode> e : objectives.properties()) {
            ObjectiveStatus wanted = ObjectiveStatus.fromKeyword(e.getValue().asString()).orElseThrow();
            List<IndicatorResult> onSli = result.indicatorResults().stream()
                    .filter(r -> r.sli().equals(e.getKey())).toList();
            assertThat(onSli).as("objectives on %s in %s", e.getKey(), file.getFileName()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.status()).as("status of %s (%s)", e.getKey(), r.explanation())
                            .isEqualTo(wanted));
        }
    }

    /** The value of {@code field} from {@code ours} when it sets it, else from {@code expect}. */
    private static JsonNode pick(JsonNode ours, JsonNode expect, String field) {
        return ours.has(field) ? ours.get(field) : expect.path(field);
    }

    private static Map<String, IndicatorValue> currentValues(JsonNode current) {
        Map<String, IndicatorValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : current.path("values").properties()) {
            values.put(e.getKey(), IndicatorValue.of(e.getValue().asDouble()));
        }
        for (JsonNode failed : current.path("failed")) {
            values.put(failed.asString(), IndicatorValue.failed("the SLI provider could not retrieve this SLI"));
        }
        return values;
    }

    /** One evaluation per entry, oldest first, with one successful indicator result per value. */
    private static List<EvaluationResult> history(JsonNode entries) {
        List<EvaluationResult> history = new ArrayList<>();
        int n = 0;
        for (JsonNode entry : entries) {
            n++;
            Verdict verdict = Verdict.fromKeyword(entry.path("result").asString("")).orElseThrow(
                    () -> new IllegalArgumentException("history entry without pass/warning/fail result: " + entry));
            EvaluationResult.Builder b = EvaluationResult.builder().id("history-" + n).result(verdict);
            for (Map.Entry<String, JsonNode> v : entry.path("values").properties()) {
                b.addIndicatorResult(new IndicatorResult(v.getKey(), "", v.getValue().asDouble(), true, "", 0,
                        ObjectiveStatus.INFO, 0, 1, false, List.of(), List.of()));
            }
            history.add(b.build());
        }
        return history;
    }
}
