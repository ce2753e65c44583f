package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {
    /** A sidecar line that says the file has more problems than the ones listed. */
    private static final String MORE = "...";
    /**
     * Bound on a refusal, with class loading on a slow machine included; expanding the alias bomb or reading the
     * oversized file would take far longer or exhaust memory.
     */
    private static final long GENEROUS_MILLIS = 5000;

    private static final String VALID_SLO = String.join("\n",
            "spec_version: \"1.0\"",
            "objectives:",
            "  - sli: response_time_p95",
            "    pass:",
            "      - criteria:",
            "          - \"<600\"",
            "total_score:",
            "  pass: \"90%\"",
            "");

    @TempDir
    Path tmp;

    static Path malformedDir() throws URISyntaxException {
        return Path.of(ValidateCommandTest.class.getResource("/malformed").toURI());
    }

    static Stream<Path> malformedFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(malformedDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void malformedCorpus_everyFile_hasExpectations() throws IOException, URISyntaxException {
        List<Path> files = malformedFiles().toList();

        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        for (Path f : files) {
            assertThat(expectationsOf(f)).as("%s.expected", f.getFileName()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    void validate_malformedFile_listsEveryProblemLocated(Path file) throws IOException {
        List<String> expected = expectationsOf(file);

        GateRun run = gate("validate", file.toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).doesNotContain(": valid");
        List<String> unmatched = new ArrayList<>(run.errLines());
        for (String fragment : expected) {
            if (fragment.equals(MORE)) {
                continue;
            }
            String prefix = file + ":" + fragment;
            assertThat(unmatched).as("a problem line starting with %s", prefix).anyMatch(l -> l.startsWith(prefix));
            unmatched.remove(unmatched.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow());
        }
        if (!expected.contains(MORE)) {
            assertThat(unmatched).as("problems not in %s.expected", file.getFileName()).isEmpty();
        }
        assertThat(run.errLines()).allMatch(l -> l.matches("\\Q" + file + "\\E:\\d+:\\d+: .+"));
    }

    @Test
    void validate_threeProblemFile_listsAllThreeAtOnce() throws URISyntaxException {
        Path file = malformedDir().resolve("three-problems.yaml");

        GateRun run = gate("validate", file.toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(3);
        assertThat(run.errLines()).anyMatch(l -> l.contains(":4:23: comparison.aggregate_function:"))
                .anyMatch(l -> l.contains(":7:13: objectives[0].weight:"))
                .anyMatch(l -> l.contains(":14:13: objectives[1].pass[0].criteria[0]:"));
    }

    @Test
    void validate_wholeMalformedCorpusAtOnce_reportsEveryFile() throws IOException, URISyntaxException {
        List<Path> files = malformedFiles().toList();
        List<String> args = new ArrayList<>(List.of("validate"));
        files.forEach(f -> args.add(f.toString()));

        GateRun run = gate(args.toArray(String[]::new)).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(files).allSatisfy(f -> assertThat(run.errLines()).anyMatch(l -> l.startsWith(f + ":")));
    }

    @Test
    void validate_oversizedDocument_isRefusedWithoutReadingIt() throws IOException {
        Path file = tmp.resolve("oversized-slo.yaml");
        StringBuilder sb = new StringBuilder(VALID_SLO);
        while (sb.length() <= 1 << 20) {
            sb.append("# padding to make the document larger than the 1 MiB limit\n");
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);

        long start = System.nanoTime();
        GateRun run = gate("validate", file.toString()).hasNoStackTrace();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith(file + ": the file has ")
                .contains("more than the 1048576 accepted");
        assertThat(millis).isLessThan(GENEROUS_MILLIS);
    }

    @Test
    void validate_aliasBomb_isRefusedQuickly() throws URISyntaxException {
        Path file = malformedDir().resolve("alias-bomb.yaml");

        long start = System.nanoTime();
        GateRun run = gate("validate", file.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(millis).isLessThan(GENEROUS_MILLIS);
    }

    @Test
    void validate_validSlo_printsValidWithKind() throws IOException {
        Path file = Files.writeString(tmp.resolve("service-level.yaml"), VALID_SLO);

        GateRun run = gate("validate", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly(file + ": valid (slo)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void validate_sloWithoutObjectives_printsNoteAndStaysValid() throws IOException {
        Path file = Files.writeString(tmp.resolve("slo.yaml"), "spec_version: \"1.0\"\nobjectives: []\n");

        GateRun run = gate("validate", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly(file + ": valid (slo)",
                file + ": note: has no objectives: evaluating it gives fail, as in Keptn");
    }

    @Test
    void validate_oneInvalidAmongValid_exitsTwoAndStillReportsTheValidOne() throws IOException, URISyntaxException {
        Path valid = Files.writeString(tmp.resolve("slo.yaml"), VALID_SLO);
        Path invalid = malformedDir().resolve("weight-negative.yaml");

        GateRun run = gate("validate", valid.toString(), invalid.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.outLines()).containsExactly(valid + ": valid (slo)");
        assertThat(run.errLines()).singleElement().asString().startsWith(invalid + ":8:13: objectives[1].weight:");
    }

    @Test
    void validate_kindForced_validatesAsThatKind() throws IOException {
        Path file = Files.writeString(tmp.resolve("slo.yaml"), VALID_SLO);

        GateRun asSlo = gate("validate", "--kind", "SLO", file.toString());
        GateRun asSli = gate("validate", "--kind", "sli", file.toString()).hasNoStackTrace();

        assertThat(asSlo.exitCode()).isZero();
        assertThat(asSlo.outLines()).containsExactly(file + ": valid (slo)");
        assertThat(asSli.exitCode()).isEqualTo(2);
        assertThat(asSli.errLines()).isNotEmpty().allMatch(l -> l.startsWith(file + ":"));
    }

    @Test
    void validate_unknownKind_isUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("slo.yaml"), VALID_SLO);

        GateRun run = gate("validate", "--kind", "slx", file.toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected slo, sli or shipyard, was 'slx'")
                .contains("Try 'gate validate --help'");
    }

    @Test
    void validate_missingFile_reportsItCannotBeRead() {
        Path file = tmp.resolve("no-such-slo.yaml");

        GateRun run = gate("validate", file.toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(file + ": cannot read the file: no such file");
    }

    @Test
    void validate_noFile_isUsageError() {
        GateRun run = gate("validate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("FILE").contains("Try 'gate validate --help'");
    }

    @Test
    void validate_keptnCorpus_everyFileIsValid() throws IOException {
        Path keptn = GateRun.corpus().resolve("keptn");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(keptn)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        }
        List<String> args = new ArrayList<>(List.of("validate"));
        files.forEach(f -> args.add(f.toString()));

        GateRun run = gate(args.toArray(String[]::new));

        assertThat(files).isNotEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(files).allSatisfy(f -> assertThat(run.outLines()).anyMatch(l -> l.startsWith(f + ": valid (")));
    }

    private static List<String> expectationsOf(Path yaml) throws IOException {
        Path sidecar = yaml.resolveSibling(yaml.getFileName().toString().replaceFirst("\\.yaml$", ".expected"));
        return Files.readAllLines(sidecar, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
