package dev.qualitygate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.qualitygate.criteria.Criterion;
import dev.qualitygate.criteria.Operator;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.model.AggregateFunction;
import dev.qualitygate.model.CompareWith;
import dev.qualitygate.model.Comparison;
import dev.qualitygate.model.CriteriaBlock;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.SliConfig;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.TotalScore;
import dev.qualitygate.model.shipyard.ApprovalMode;
import dev.qualitygate.model.shipyard.ApprovalStrategy;
import dev.qualitygate.model.shipyard.Sequence;
import dev.qualitygate.model.shipyard.Shipyard;
import dev.qualitygate.model.shipyard.ShipyardFormat;
import dev.qualitygate.model.shipyard.Stage;
import dev.qualitygate.model.shipyard.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loading Keptn's files: the defaults of keptn-semantics.md §1.2, both shipyard formats, located problems. */
class GateYamlTest {

    private static Slo slo(String yaml) {
        return GateYaml.readSlo(yaml, "slo.yaml");
    }

    private static GateConfigException refused(String yaml) {
        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> slo(yaml));
        assertThat(e).as("refused: %s", yaml).isNotNull();
        return e;
    }

    private static List<String> rendered(GateConfigException e) {
        return e.problems().stream().map(Problem::toString).toList();
    }

    private static byte[] resource(String name) {
        try (InputStream in = GateYamlTest.class.getResourceAsStream("/yaml/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String ONE_OBJECTIVE = """
            objectives:
              - sli: rt
                pass:
                  - criteria: ["<600"]
            total_score:
              pass: "90%"
            """;

    // ---------------------------------------------------------------- §1.2 defaults

    @Nested
    class KeptnDefaults {

        @Test
        void readSlo_noComparisonBlock_singleResultAllOneAvg() {
            Comparison c = slo(ONE_OBJECTIVE).comparison();

            assertThat(c).isEqualTo(Comparison.DEFAULT);
            assertThat(c.compareWith()).isEqualTo(CompareWith.SINGLE_RESULT);
            assertThat(c.includeResultWithScore()).isEqualTo(ResultFilter.ALL);
            assertThat(c.numberOfComparisonResults()).isEqualTo(1);
            assertThat(c.aggregateFunction()).isEqualTo(AggregateFunction.AVG);
            assertThat(c.resultsToCompare()).isEqualTo(1);
        }

        @Test
        void readSlo_blockWithoutCompareWith_threeResultsWhateverTheNumberSays() {
            Comparison c = slo("""
                    comparison:
                      number_of_comparison_results: 5
                      include_result_with_score: pass
                    """ + ONE_OBJECTIVE).comparison();

            assertThat(c.compareWith()).isEqualTo(CompareWith.SEVERAL_RESULTS);
            assertThat(c.numberOfComparisonResults()).isEqualTo(3);
            assertThat(c.resultsToCompare()).isEqualTo(3);
            assertThat(c.includeResultWithScore()).isEqualTo(ResultFilter.PASS);
        }

        @Test
        void readSlo_emptyComparisonBlockValues_defaultedLikeMissingOnes() {
            Comparison c = slo("""
                    comparison:
                      compare_with: ""
                      include_result_with_score: ""
                      aggregate_function: ""
                    """ + ONE_OBJECTIVE).comparison();

            assertThat(c).isEqualTo(new Comparison(CompareWith.SEVERAL_RESULTS, ResultFilter.ALL, 3,
                    AggregateFunction.AVG));
        }

        @Test
        void readSlo_severalResultsWithoutNumber_three() {
            Comparison c = slo("""
                    comparison:
                      compare_with: several_results
                    """ + ONE_OBJECTIVE).comparison();

            assertThat(c.numberOfComparisonResults()).isEqualTo(3);
            assertThat(c.resultsToCompare()).isEqualTo(3);
        }

        @Test
        void readSlo_singleResultWithNumber_numberIgnored() {
            Comparison c = slo("""
                    comparison:
                      compare_with: single_result
                      number_of_comparison_results: 4
                    """ + ONE_OBJECTIVE).comparison();

            assertThat(c.resultsToCompare()).isEqualTo(1);
        }

        @Test
        void readSlo_includeEmpty_all() {
            Comparison c = slo("""
                    comparison:
                      compare_with: several_results
                      include_result_with_score: ""
                      number_of_comparison_results: 2
                      aggregate_function: p95
                    """ + ONE_OBJECTIVE).comparison();

            assertThat(c).isEqualTo(new Comparison(CompareWith.SEVERAL_RESULTS, ResultFilter.ALL, 2,
                    AggregateFunction.P95));
        }

        @Test
        void readSlo_enumerationsInAnyCase_accepted() {
            Comparison c = slo("""
                    comparison:
                      compare_with: SEVERAL_RESULTS
                      include_result_with_score: PASS_OR_WARN
                      number_of_comparison_results: 2
                      aggregate_function: AVG
                    """ + ONE_OBJECTIVE).comparison();

            assertThat(c).isEqualTo(new Comparison(CompareWith.SEVERAL_RESULTS, ResultFilter.PASS_OR_WARN, 2,
                    AggregateFunction.AVG));
        }

        @ParameterizedTest
        @ValueSource(strings = {"avg", "p50", "p90", "p95", "p75", "p99", "min", "max", "median"})
        void readSlo_supportedAggregate_accepted(String name) {
            Comparison c = slo("comparison:\n  compare_with: several_results\n  aggregate_function: " + name + "\n"
                    + ONE_OBJECTIVE).comparison();

            assertThat(c.aggregateFunction().keyword()).isEqualTo(name);
        }

        @Test
        void readSlo_weightZeroOrMissing_one() {
            Slo slo = slo("""
                    objectives:
                      - sli: a
                        weight: 0
                        pass: [{criteria: ["<1"]}]
                      - sli: b
                        pass: [{criteria: ["<1"]}]
                      - sli: c
                        weight: 4
                        pass: [{criteria: ["<1"]}]
                    total_score: {pass: 90%}
                    """);

            assertThat(slo.objectives()).extracting(Objective::weight).containsExactly(1, 1, 4);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "~", "null", "Null", "NULL"})
        void readSlo_weightNullInAnyYamlSpelling_one(String spelling) {
            Slo slo = slo("objectives:\n  - sli: a\n    weight: " + spelling + "\n    pass: [{criteria: [\"<1\"]}]\n");

            assertThat(slo.objectives().get(0).weight()).isEqualTo(1);
        }

        @Test
        void readSlo_weightSignedOrHex_readAsGoYamlReadsIntegers() {
            Slo slo = slo("objectives:\n  - sli: a\n    weight: +2\n  - sli: b\n    weight: 0x10\n");

            assertThat(slo.objectives()).extracting(Objective::weight).containsExactly(2, 16);
        }

        @ParameterizedTest
        @ValueSource(strings = {"yes", "Yes", "on", "true", "True", "TRUE", "y"})
        void readSlo_keySliTrueSpellings_true(String spelling) {
            Slo slo = slo("objectives:\n  - sli: a\n    key_sli: " + spelling + "\n    pass: [{criteria: [\"<1\"]}]\n");

            assertThat(slo.objectives().get(0).keySli()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"no", "off", "false", "False", "n"})
        void readSlo_keySliFalseSpellings_false(String spelling) {
            Slo slo = slo("objectives:\n  - sli: a\n    key_sli: " + spelling + "\n    pass: [{criteria: [\"<1\"]}]\n");

            assertThat(slo.objectives().get(0).keySli()).isFalse();
        }

        @Test
        void readSlo_keySliMissing_false() {
            assertThat(slo(ONE_OBJECTIVE).objectives().get(0).keySli()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "2.7", "1.0"})
        void readSlo_fractionalWeight_refused(String weight) {
            GateConfigException e = refused("objectives:\n  - sli: a\n    weight: " + weight + "\n");

            assertThat(rendered(e)).containsExactly(
                    "slo.yaml:3:13: objectives[0].weight: must be a whole number (was \"" + weight + "\")");
        }

        @Test
        void readSlo_negativeWeight_refused() {
            assertThat(rendered(refused("objectives:\n  - sli: a\n    weight: -2\n"))).singleElement().asString()
                    .startsWith("slo.yaml:3:13: objectives[0].weight: must not be negative");
        }

        @Test
        void readSlo_nonNumberWeight_refused() {
            assertThat(rendered(refused("objectives:\n  - sli: a\n    weight: high\n"))).singleElement().asString()
                    .startsWith("slo.yaml:3:13: objectives[0].weight: must be a whole number");
        }

        @ParameterizedTest
        @ValueSource(strings = {"filter:\n", "filter: ~\n", "filter: null\n", "filter: {}\n"})
        void readSlo_filterNullOrEmpty_emptyMap(String filter) {
            assertThat(slo(filter + ONE_OBJECTIVE).filter()).isEmpty();
        }

        @Test
        void readSlo_filterValues_keptInOrderAsWrittenNumbersAsStrings() {
            Slo slo = slo("""
                    filter:
                      handler: "ItemsController.addToCart"
                      id: 123
                      ratio: 1.50
                      flag: true
                      empty:
                    """ + ONE_OBJECTIVE);

            assertThat(slo.filter()).containsExactly(Map.entry("handler", "ItemsController.addToCart"),
                    Map.entry("id", "123"), Map.entry("ratio", "1.50"), Map.entry("flag", "true"),
                    Map.entry("empty", ""));
        }

        @Test
        void readSlo_nullObjectives_dropped() {
            Slo slo = slo("""
                    objectives:
                      -
                      - sli: a
                        pass: [{criteria: ["<1"]}]
                      - null
                      - ~
                      - sli: b
                    total_score: {pass: 90%}
                    """);

            assertThat(slo.objectives()).extracting(Objective::sli).containsExactly("a", "b");
        }

        @ParameterizedTest
        @ValueSource(strings = {"90%", "\"90%\"", "90", "\"90\"", "'90'", "90.0"})
        void readSlo_totalScoreSpellings_ninety(String pass) {
            Slo slo = slo("objectives:\n  - sli: a\n    pass: [{criteria: [\"<1\"]}]\ntotal_score:\n  pass: " + pass
                    + "\n  warning: 75%\n");

            assertThat(slo.totalScore()).isEqualTo(TotalScore.of(90, 75));
        }

        @Test
        void readSlo_noTotalScore_nullSoEvaluationErrors() {
            assertThat(slo("objectives:\n  - sli: a\n    pass: [{criteria: [\"<1\"]}]\n").totalScore()).isNull();
        }

        @Test
        void readSlo_noWarning_passOnly() {
            assertThat(slo(ONE_OBJECTIVE).totalScore()).isEqualTo(TotalScore.passOnly(90));
        }

        @Test
        void readSlo_specVersionAnyKeptnSpelling_accepted() {
            assertThat(slo("spec_version: \"1.0\"\n" + ONE_OBJECTIVE).specVersion()).isEqualTo("1.0");
            assertThat(slo("spec_version: 0.1.1\n" + ONE_OBJECTIVE).specVersion()).isEqualTo("0.1.1");
            assertThat(slo(ONE_OBJECTIVE).specVersion()).isEmpty();
        }

        @Test
        void readSlo_passAndWarningEmptyLists_informational() {
            Slo slo = slo("objectives:\n  - sli: log\n    pass: []\n    warning: []\n  - sli: log2\n");

            assertThat(slo.objectives()).allSatisfy(o -> {
                assertThat(o.informational()).isTrue();
                assertThat(o.warning()).isEmpty();
            });
        }

        @Test
        void readSlo_emptyObjectiveList_accepted() {
            assertThat(slo("objectives: []\ntotal_score: {pass: 90%}\n").objectives()).isEmpty();
        }

        @Test
        void readSlo_integrationTestFile_fullModel() {
            Slo slo = GateYaml.readSlo(resource("full.slo.yaml"), "slo.yaml");

            assertThat(slo.specVersion()).isEqualTo("0.1.1");
            assertThat(slo.filter()).isEmpty();
            assertThat(slo.comparison()).isEqualTo(
                    new Comparison(CompareWith.SINGLE_RESULT, ResultFilter.PASS, 1, AggregateFunction.AVG));
            assertThat(slo.totalScore()).isEqualTo(TotalScore.of(90, 75));
            assertThat(slo.objectives()).extracting(Objective::sli, Objective::displayName, Objective::weight,
                            Objective::keySli, Objective::informational)
                    .containsExactly(tuple("response_time_p95", "Response time P95", 1, false, false),
                            tuple("throughput", "", 1, false, false), tuple("error_rate", "", 1, false, true));
            Objective rt = slo.objectives().get(0);
            assertThat(rt.pass()).containsExactly(CriteriaBlock.of("<=+75%", "<800"));
            assertThat(rt.warning()).containsExactly(CriteriaBlock.of("<=1000", "<=+100%"));
            Criterion first = rt.pass().get(0).criteria().get(0);
            assertThat(first.operator()).isEqualTo(Operator.LE);
            assertThat(first.isRelative()).isTrue();
        }

        @Test
        void readSlo_criterionTextWithSpaces_keptAsWritten() {
            Slo slo = slo("objectives:\n  - sli: a\n    pass:\n      - criteria: [\"<= +10 %\"]\n");

            assertThat(slo.objectives().get(0).pass().get(0).criteria().get(0).text()).isEqualTo("<= +10 %");
        }

        @Test
        void readSlo_fromPath_sameAsFromBytes(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("slo.yaml");
            Files.write(file, resource("full.slo.yaml"));

            assertThat(GateYaml.readSlo(file)).isEqualTo(GateYaml.readSlo(resource("full.slo.yaml"), "x"));
        }
    }

    // ---------------------------------------------------------------- §9 refusals

    @Nested
    class Refusals {

        @Test
        void readSlo_threeProblems_allReportedOnceWithLocationAndKeyPath() {
            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> GateYaml.readSlo(resource("three-problems.slo.yaml"), "slo.yaml"));

            assertThat(e.problems()).extracting(Problem::line, Problem::column, Problem::path, Problem::value)
                    .containsExactly(tuple(3, 23, "comparison.aggregate_function", "p42"),
                            tuple(6, 13, "objectives[0].weight", "-1"),
                            tuple(8, 20, "objectives[0].pass[0].criteria[0]", "<=abc"));
            List<String> lines = rendered(e);
            assertThat(lines.get(0)).startsWith("slo.yaml:3:23: comparison.aggregate_function: must be one of avg,")
                    .endsWith("(was \"p42\")");
            assertThat(lines.get(1)).startsWith("slo.yaml:6:13: objectives[0].weight: ").endsWith("(was \"-1\")");
            assertThat(lines.get(2)).startsWith("slo.yaml:8:20: objectives[0].pass[0].criteria[0]: ")
                    .endsWith("(was \"<=abc\")");
            assertThat(e.getMessage()).isEqualTo(String.join("\n", lines));
        }

        @Test
        void readSlo_unparsableWarningCriterion_refused() {
            GateConfigException e = refused("""
                    objectives:
                      - sli: rt
                        pass:
                          - criteria: ["<600"]
                        warning:
                          - criteria: ["<=800", "~900"]
                    """);

            assertThat(e.problems()).extracting(Problem::line, Problem::column, Problem::path)
                    .containsExactly(tuple(6, 29, "objectives[0].warning[0].criteria[1]"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"<NaN", "<Inf", "=>5", "!=5", "10", "<"})
        void readSlo_invalidPassCriterion_refusedWithTheText(String criterion) {
            GateConfigException e = refused("objectives:\n  - sli: rt\n    pass:\n      - criteria: [\"" + criterion
                    + "\"]\n");

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("objectives[0].pass[0].criteria[0]");
                assertThat(p.value()).isEqualTo(criterion);
                assertThat(p.line()).isEqualTo(4);
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"aggregate_function: p42", "aggregate_function: mean", "compare_with: several",
            "include_result_with_score: passed", "number_of_comparison_results: 0",
            "number_of_comparison_results: -1"})
        void readSlo_badComparisonValue_refused(String line) {
            GateConfigException e = refused("comparison:\n  " + line + "\n" + ONE_OBJECTIVE);

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.path()).isEqualTo("comparison." + line.substring(0, line.indexOf(':')));
            });
        }

        @Test
        void readSlo_emptyCriteriaBlock_refused() {
            GateConfigException e = refused("objectives:\n  - sli: rt\n    pass:\n      - criteria: []\n");

            assertThat(e.problems()).extracting(Problem::line, Problem::path)
                    .containsExactly(tuple(4, "objectives[0].pass[0].criteria"));
        }

        @Test
        void readSlo_warningAbovePass_refused() {
            GateConfigException e = refused("objectives: []\ntotal_score:\n  pass: 75%\n  warning: 90%\n");

            assertThat(rendered(e)).containsExactly(
                    "slo.yaml:4:12: total_score.warning: must not be above total_score.pass (75%) (was \"90%\")");
        }

        @ParameterizedTest
        @ValueSource(strings = {"101%", "-1%", "abc", "\"\"", "NaN%"})
        void readSlo_percentageOutOfRangeOrNotANumber_refused(String pass) {
            GateConfigException e = refused("objectives: []\ntotal_score:\n  pass: " + pass + "\n");

            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("total_score.pass"));
        }

        @Test
        void readSlo_unknownKeys_refusedWithSuggestion() {
            GateConfigException e = refused("objectivs: []\ntotal_score:\n  pass: 90%\n  warnng: 75%\n  limit: 5\n");

            assertThat(rendered(e)).containsExactly(
                    "slo.yaml:1:1: objectivs: unknown key; did you mean objectives?",
                    "slo.yaml:4:3: total_score.warnng: unknown key; did you mean warning?",
                    "slo.yaml:5:3: total_score.limit: unknown key; the keys allowed here are pass, warning");
        }

        @Test
        void readSlo_keySliWithDash_unknownKey() {
            assertThat(rendered(refused("objectives:\n  - sli: rt\n    key-sli: true\n"))).containsExactly(
                    "slo.yaml:3:5: objectives[0].key-sli: unknown key; did you mean key_sli?");
        }

        @Test
        void readSlo_duplicateKey_refused() {
            assertThat(rendered(refused("objectives: []\nobjectives: []\n"))).containsExactly(
                    "slo.yaml:2:1: objectives: duplicate key: it was already set on line 1; keep only one of them");
        }

        @Test
        void readSlo_missingSli_refused() {
            GateConfigException e = refused("objectives:\n  - weight: 2\n    pass: [{criteria: [\"<1\"]}]\n");

            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("objectives[0].sli"));
        }

        @Test
        void readSlo_specVersionTwo_refused() {
            assertThat(rendered(refused("spec_version: '2.0'\n" + ONE_OBJECTIVE))).singleElement().asString()
                    .startsWith("slo.yaml:1:15: spec_version: must be a 0.x or 1.x version");
        }

        @Test
        void readSlo_wrongTypes_refusedEach() {
            GateConfigException e = refused("""
                    filter: [a, b]
                    comparison: several
                    objectives:
                      - sli: rt
                        pass: "<600"
                    """);

            assertThat(e.problems()).extracting(Problem::line, Problem::path)
                    .containsExactly(tuple(1, "filter"), tuple(2, "comparison"), tuple(5, "objectives[0].pass"));
        }

        @Test
        @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void readSlo_billionLaughs_refusedQuickly() {
            StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (int i = 1; i <= 9; i++) {
                bomb.append('a').append(i).append(": &a").append(i).append(" [");
                for (int j = 0; j < 9; j++) {
                    bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
                }
                bomb.append("]\n");
            }
            bomb.append("objectives: [*a9]\n");

            GateConfigException e = refused(bomb.toString());

            assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("aliases are not supported"));
        }

        @Test
        void readSlo_scalarAlias_refusedAtTheAlias() {
            GateConfigException e = refused("objectives:\n  - sli: &n rt\n    displayName: *n\n");

            assertThat(rendered(e)).singleElement().asString().startsWith(
                    "slo.yaml:3:18: objectives[0].displayName: YAML aliases are not supported");
        }

        @Test
        void readSlo_twoMebibytes_refused() {
            byte[] big = new byte[2 * 1024 * 1024];
            Arrays.fill(big, (byte) '#');

            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> GateYaml.readSlo(big, "slo.yaml"));

            assertThat(rendered(e)).containsExactly("slo.yaml: the file has 2097152 bytes, more than the 1048576"
                    + " accepted; SLO, SLI and shipyard files are a few kilobytes");
        }

        @Test
        void readSlo_invalidUtf8_locatedAtTheByte() {
            byte[] prefix = "objectives:\n  - sli: r".getBytes(StandardCharsets.US_ASCII);
            byte[] content = Arrays.copyOf(prefix, prefix.length + 3);
            content[prefix.length] = (byte) 0xFF;
            content[prefix.length + 1] = 't';
            content[prefix.length + 2] = '\n';

            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> GateYaml.readSlo(content, "slo.yaml"));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.column()).isEqualTo(11);
                assertThat(p.message()).contains("not valid UTF-8").contains("0xFF").contains("offset 22");
            });
        }

        @Test
        void readSlo_invalidUtf8AfterMultibyteCharacters_columnCountsCharacters() {
            byte[] prefix = "# é\nobjectives: [ä".getBytes(StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOf(prefix, prefix.length + 1);
            content[prefix.length] = (byte) 0xC3;

            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> GateYaml.readSlo(content, "slo.yaml"));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.column()).isEqualTo(15);
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "\n", "   \n\n", "# only a comment\n", "---\n", "~\n"})
        void readSlo_emptyFile_refused(String content) {
            assertThat(rendered(refused(content))).containsExactly("slo.yaml:1:1: the file is empty");
        }

        @Test
        void readSlo_yamlSyntaxError_located() {
            GateConfigException e = refused("objectives:\n  - sli: rt\n   pass: [\n");

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isGreaterThan(0);
                assertThat(p.message()).startsWith("YAML syntax error");
            });
        }

        @Test
        void readSlo_twoDocuments_refused() {
            assertThat(rendered(refused("objectives: []\n---\nobjectives: []\n"))).singleElement().asString()
                    .startsWith("slo.yaml:3:1: the file holds more than one YAML document");
        }

        @Test
        void readSlo_notAMapping_refused() {
            assertThat(rendered(refused("- a\n- b\n")))
                    .containsExactly("slo.yaml:1:1: must be a mapping of keys to values, was a list");
        }

        @Test
        void readSlo_deepNesting_refused() {
            String deep = "objectives: " + "[".repeat(100) + "]".repeat(100) + "\n";

            assertThat(refused(deep).problems()).isNotEmpty();
        }

        @Test
        void readSlo_missingFile_refusedNamingIt(@TempDir Path dir) {
            Path missing = dir.resolve("slo.yaml");

            GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> GateYaml.readSlo(missing));

            assertThat(rendered(e)).containsExactly(missing + ": cannot read the file: no such file");
        }
    }

    // ---------------------------------------------------------------- sli.yaml

    @Nested
    class SliFiles {

        @Test
        void readSli_indicators_inFileOrder() {
            SliConfig sli = GateYaml.readSli("""
                    spec_version: "1.0"
                    indicators:
                      throughput: "sum(rate(http_requests_total{job='$SERVICE-$PROJECT-$STAGE'}[$DURATION_SECONDS]))"
                      error_rate: "sum(rate(http_requests_total{status!~'2..'}[$DURATION_SECONDS]))"
                      response_time_p95: "histogram_quantile(0.95, sum(rate(x_bucket[$DURATION_SECONDS])) by (le))"
                    """.getBytes(StandardCharsets.UTF_8), "sli.yaml");

            assertThat(sli.specVersion()).isEqualTo("1.0");
            assertThat(sli.indicators().keySet()).containsExactly("throughput", "error_rate", "response_time_p95");
            assertThat(sli.indicators().get("throughput")).startsWith("sum(rate(").contains("$DURATION_SECONDS");
            assertThat(sli.source()).isNull();
        }

        @Test
        void readSli_emptyQuery_refused() {
            GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> GateYaml.readSli(
                    "indicators:\n  rt: \"\"\n".getBytes(StandardCharsets.UTF_8), "sli.yaml"));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.path()).isEqualTo("indicators.rt");
            });
        }
    }

    // ---------------------------------------------------------------- shipyard.yaml, §7

    @Nested
    class Shipyards {

        @Test
        void readShipyard_format01_stagesWithStrategies() {
            Shipyard s = GateYaml.readShipyard(resource("shipyard-0.1.yaml"), "shipyard.yaml");

            assertThat(s.format()).isEqualTo(ShipyardFormat.V0_1);
            assertThat(s.stages()).extracting(Stage::name).containsExactly("dev", "hardening", "production");
            assertThat(s.stages()).allSatisfy(stage -> assertThat(stage.sequences()).isEmpty());
            Stage dev = s.stage("dev").orElseThrow();
            assertThat(dev.strategies().deployment()).isEqualTo("direct");
            assertThat(dev.strategies().test()).isEqualTo("functional");
            assertThat(dev.strategies().approval()).isNull();
            Stage hardening = s.stage("hardening").orElseThrow();
            assertThat(hardening.strategies().approval())
                    .isEqualTo(new ApprovalStrategy(ApprovalMode.AUTOMATIC, ApprovalMode.MANUAL));
            Stage production = s.stage("production").orElseThrow();
            assertThat(production.strategies().approval())
                    .isEqualTo(new ApprovalStrategy(ApprovalMode.MANUAL, ApprovalMode.AUTOMATIC));
            assertThat(production.strategies().remediation()).isEqualTo("automated");
            assertThat(production.strategies().test()).isEmpty();
        }

        @Test
        void readShipyard_format02_sequencesTriggersSelectorsAndDelays() {
            Shipyard s = GateYaml.readShipyard(resource("shipyard-0.2.yaml"), "shipyard.yaml");

            assertThat(s.format()).isEqualTo(ShipyardFormat.V0_2);
            assertThat(s.apiVersion()).isEqualTo("spec.keptn.sh/0.2.3");
            assertThat(s.name()).isEqualTo("shipyard-sockshop");
            Stage dev = s.stage("dev").orElseThrow();
            assertThat(dev.strategies()).isNull();
            Sequence devDelivery = dev.sequence("delivery").orElseThrow();
            assertThat(devDelivery.triggeredOn()).isEmpty();
            assertThat(devDelivery.tasks()).extracting(Task::name)
                    .containsExactly("deployment", "test", "evaluation", "release");
            assertThat(devDelivery.tasks().get(0).property("deploymentstrategy")).isEqualTo("direct");

            Stage hardening = s.stage("hardening").orElseThrow();
            Sequence delivery = hardening.sequence("delivery").orElseThrow();
            assertThat(delivery.triggeredOn()).singleElement().satisfies(t -> {
                assertThat(t.event()).isEqualTo("dev.delivery.finished");
                assertThat(t.stage()).isEqualTo("dev");
                assertThat(t.sequence()).isEqualTo("delivery");
                assertThat(t.match()).isEmpty();
            });
            assertThat(delivery.tasks().get(0).triggeredAfter()).isEqualTo(Duration.ofMinutes(10));
            assertThat(delivery.tasks().get(1).triggeredAfter()).isNull();
            assertThat(delivery.tasks().get(2).property("timeframe")).isEqualTo("5m");
            assertThat(delivery.tasks().get(3).property("warning")).isEqualTo("manual");

            assertThat(hardening.sequence("rollback").orElseThrow().triggeredOn()).singleElement()
                    .satisfies(t -> assertThat(t.match()).containsExactly(Map.entry("release.result", "fail")));
            Sequence remediation = hardening.sequence("remediation").orElseThrow();
            assertThat(remediation.triggeredOn().get(0).match()).containsExactly(Map.entry("result", "warning"));
            assertThat(remediation.tasks().get(0).triggeredAfter()).isEqualTo(Duration.ofMinutes(90));
        }

        @Test
        void readShipyard_format02Problems_allLocated() {
            String yaml = """
                    apiVersion: spec.keptn.sh/0.2.3
                    kind: Shipyard
                    metadata:
                      name: s
                    spec:
                      stages:
                        - name: dev
                          sequences:
                            - name: delivery
                              tasks:
                                - name: deployment
                                  triggeredAfter: "ten minutes"
                            - name: delivery
                              triggeredOn:
                                - event: dev.delivry.finished
                                  selector:
                                    match:
                                      result: failed
                        - name: dev
                        - name: Prod_1
                    """;

            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> GateYaml.readShipyard(yaml.getBytes(StandardCharsets.UTF_8), "shipyard.yaml"));

            assertThat(e.problems()).extracting(Problem::line, Problem::path).containsExactly(
                    tuple(12, "spec.stages[0].sequences[0].tasks[0].triggeredAfter"),
                    tuple(13, "spec.stages[0].sequences[1].name"),
                    tuple(15, "spec.stages[0].sequences[1].triggeredOn[0].event"),
                    tuple(18, "spec.stages[0].sequences[1].triggeredOn[0].selector.match.result"),
                    tuple(19, "spec.stages[1].name"),
                    tuple(20, "spec.stages[2].name"));
            assertThat(rendered(e).get(2)).contains("did you mean dev.delivery.finished?");
            assertThat(rendered(e).get(3)).contains("did you mean fail?");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"result fail\"", "[result, fail]", "7"})
        void readShipyard_selectorMatchNotAMapping_refusedAtMatch(String match) {
            String yaml = """
                    apiVersion: spec.keptn.sh/0.2.3
                    kind: Shipyard
                    metadata: {name: s}
                    spec:
                      stages:
                        - name: dev
                          sequences:
                            - name: delivery
                              tasks: [{name: deployment}]
                            - name: rollback
                              triggeredOn:
                                - event: dev.delivery.finished
                                  selector:
                                    match: %s
                              tasks: [{name: rollback}]
                    """.formatted(match);

            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> GateYaml.readShipyard(yaml.getBytes(StandardCharsets.UTF_8), "shipyard.yaml"));

            assertThat(e).isNotNull();
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(14);
                assertThat(p.path()).isEqualTo("spec.stages[0].sequences[1].triggeredOn[0].selector.match");
                assertThat(p.message()).startsWith("must be a mapping");
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"spec.keptn.sh/0.1.7", "spec.keptn.sh/1.0.0", "0.2.3"})
        void readShipyard_unsupportedApiVersion_refused(String apiVersion) {
            String yaml = "apiVersion: " + apiVersion + "\nkind: Shipyard\nmetadata: {name: s}\nspec:\n  stages:\n"
                    + "    - name: dev\n";

            GateConfigException e = catchThrowableOfType(GateConfigException.class,
                    () -> GateYaml.readShipyard(yaml.getBytes(StandardCharsets.UTF_8), "shipyard.yaml"));

            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(1);
                assertThat(p.path()).isEqualTo("apiVersion");
            });
        }

        @Test
        void readShipyard_format01BadStageName_refused() {
            GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> GateYaml.readShipyard(
                    "stages:\n  - name: Dev-\n".getBytes(StandardCharsets.UTF_8), "shipyard.yaml"));

            assertThat(e.problems()).extracting(Problem::line, Problem::column, Problem::path)
                    .containsExactly(tuple(2, 11, "stages[0].name"));
        }

        @Test
        void readShipyard_noStages_refused() {
            assertThat(catchThrowableOfType(GateConfigException.class, () -> GateYaml.readShipyard(
                    "stages: []\n".getBytes(StandardCharsets.UTF_8), "shipyard.yaml")).problems()).isNotEmpty();
        }
    }

    // ---------------------------------------------------------------- validate

    @Nested
    class Validate {

        @Test
        void validate_detectsKindFromContent() {
            assertThat(GateYaml.validate(resource("full.slo.yaml"), "a.yaml", null).kind())
                    .isEqualTo(DocumentKind.SLO);
            assertThat(GateYaml.validate("indicators: {a: q}\n".getBytes(StandardCharsets.UTF_8), "a.yaml", null)
                    .kind()).isEqualTo(DocumentKind.SLI);
            assertThat(GateYaml.validate(resource("shipyard-0.2.yaml"), "a.yaml", null).kind())
                    .isEqualTo(DocumentKind.SHIPYARD);
            assertThat(GateYaml.validate(resource("shipyard-0.1.yaml"), "a.yaml", null).kind())
                    .isEqualTo(DocumentKind.SHIPYARD);
        }

        @Test
        void validate_invalidFile_reportsProblemsWithoutThrowing() {
            ValidationReport report = GateYaml.validate(resource("three-problems.slo.yaml"), "slo.yaml", null);

            assertThat(report.valid()).isFalse();
            assertThat(report.kind()).isEqualTo(DocumentKind.SLO);
            assertThat(report.problems()).extracting(Problem::line).containsExactly(3, 6, 8);
        }

        @Test
        void validate_validFiles_valid() {
            assertThat(GateYaml.validate(resource("full.slo.yaml"), "slo.yaml", null).valid()).isTrue();
            assertThat(GateYaml.validate(resource("shipyard-0.1.yaml"), "shipyard.yaml", null).valid()).isTrue();
            assertThat(GateYaml.validate(resource("shipyard-0.2.yaml"), "shipyard.yaml", null).valid()).isTrue();
        }

        @Test
        void validate_sloWithoutObjectives_validWithANote() {
            ValidationReport report = GateYaml.validate("objectives: []\n".getBytes(StandardCharsets.UTF_8),
                    "slo.yaml", null);

            assertThat(report.valid()).isTrue();
            assertThat(report.notes()).singleElement().asString().contains("no objectives");
        }

        @Test
        void validate_emptyFile_problem() {
            ValidationReport report = GateYaml.validate(new byte[0], "slo.yaml", DocumentKind.SLO);

            assertThat(report.problems()).extracting(Problem::toString)
                    .containsExactly("slo.yaml:1:1: the file is empty");
        }
    }

    @Nested
    class SliQueryPosition {
        private final byte[] sli = String.join("\n",
                "indicators:",
                "  plain: p95(elapsed) where label = x",
                "  quoted: \"p95(elapsed)\"",
                "  escaped: \"a\\\"b c\"",
                "  block: |",
                "    p95(elapsed)",
                "").getBytes(StandardCharsets.UTF_8);

        private GateYaml.Position at(String indicator, int queryColumn) {
            return GateYaml.sliQueryPosition(sli, "sli.yaml", indicator, queryColumn).orElseThrow();
        }

        @Test
        void sliQueryPosition_plainQuery_isTheCharactersPosition() {
            assertThat(at("plain", 1)).isEqualTo(new GateYaml.Position(2, 10));
            assertThat(at("plain", 14)).isEqualTo(new GateYaml.Position(2, 23));
        }

        @Test
        void sliQueryPosition_quotedQuery_skipsTheQuote() {
            assertThat(at("quoted", 5)).isEqualTo(new GateYaml.Position(3, 16));
        }

        @Test
        void sliQueryPosition_escapeBeforeTheCharacter_isWhereTheQueryStarts() {
            assertThat(at("escaped", 5)).isEqualTo(new GateYaml.Position(4, 12));
        }

        @Test
        void sliQueryPosition_blockScalar_isWhereTheValueStarts() {
            assertThat(at("block", 3).line()).isEqualTo(5);
        }

        @Test
        void sliQueryPosition_unknownIndicatorOrBrokenYaml_isEmpty() {
            assertThat(GateYaml.sliQueryPosition(sli, "sli.yaml", "nope", 1)).isEmpty();
            assertThat(GateYaml.sliQueryPosition("indicators: [".getBytes(StandardCharsets.UTF_8), "sli.yaml",
                    "nope", 1)).isEmpty();
        }
    }
}
