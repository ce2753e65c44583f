package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.qualitygate.jdbc.PostgresServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code gate evaluate} and {@code gate history} with the store in a real PostgreSQL server. */
class HistoryJdbcTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SLO = String.join("\n",
            "spec_version: \"1.0\"",
            "comparison:",
            "  compare_with: single_result",
            "  include_result_with_score: pass",
            "  number_of_comparison_results: 1",
            "objectives:",
            "  - sli: response_time_p95",
            "    pass:",
            "      - criteria: [\"<=+10%\", \"<600\"]",
            "    warning:",
            "      - criteria: [\"<=800\"]",
            "total_score:",
            "  pass: \"90%\"",
            "  warning: \"75%\"",
            "");

    @TempDir
    Path tmp;

    private PostgresServer server;
    private String database;
    private String url;

    @BeforeEach
    void createDatabase() {
        server = PostgresServer.shared();
        database = server.createDatabase();
        url = server.urlWithCredentials(database);
    }

    private GateRun evaluate(double responseTime, String... where) throws IOException {
        Path slo = Files.writeString(tmp.resolve("slo.yaml"), SLO);
        Path values = Files.writeString(tmp.resolve("values.yaml"), "response_time_p95: " + responseTime + "\n");
        List<String> args = new ArrayList<>(List.of("evaluate", "--slo", slo.toString(), "--values",
                values.toString(), "--format", "json", "--project", "shop", "--stage", "staging", "--service",
                "carts"));
        args.addAll(List.of(where));
        return gate(args.toArray(String[]::new));
    }

    @Test
    void evaluate_withJdbcStore_appendsAndComparesTheNextEvaluationWithIt() throws IOException {
        GateRun first = evaluate(412, "--store", url);
        GateRun second = evaluate(468, "--store", url);

        assertThat(first.err()).isEmpty();
        assertThat(first.exitCode()).isZero();
        assertThat(second.err()).isEmpty();
        assertThat(second.exitCode()).as("fail: the only objective is a warning, 50 %").isEqualTo(1);
        JsonNode result = JSON.readTree(second.out());
        assertThat(result.path("evaluation").path("comparedEvents").get(0).asString())
                .isEqualTo(JSON.readTree(first.out()).path("id").asString());
        JsonNode rt = result.path("evaluation").path("indicatorResults").get(0);
        assertThat(rt.path("passTargets").get(0).path("targetValue").asDouble()).isCloseTo(453.2, within(1e-9));
    }

    @Test
    void historyCommands_onJdbcStore_importListInvalidateAndImportAgainOnce() throws IOException {
        List<Path> export = HistoryCommandTest.keptnExport(tmp);
        String[] carts = {"--project", "shop", "--stage", "staging", "--service", "carts"};

        GateRun imported = gate("history", "import", export.get(0).toString(), export.get(1).toString(),
                "--store", url);
        GateRun invalidated = gate("history", "invalidate", "ev-3", "--store", url);
        GateRun again = gate("history", "import", export.get(0).toString(), export.get(1).toString(), "--store",
                url);
        GateRun listed = gate(concat(new String[] {"history", "list", "--store", url, "--format", "json"}, carts));

        String description = server.url(database) + "?user=gate&password=****";
        assertThat(imported.err()).isEmpty();
        assertThat(imported.outLines()).containsExactly(
                "Imported 4 evaluations into the JDBC evaluation store " + description + ":",
                "  shop/staging/carts: 3",
                "  shop/staging/orders: 1");
        assertThat(invalidated.exitCode()).isZero();
        assertThat(again.exitCode()).isZero();
        assertThat(JSON.readTree(listed.out()).findValuesAsString("id"))
                .as("ev-2 invalidated by Keptn, ev-3 by gate, and the second import adds nothing")
                .containsExactly("ev-1", "ev-4");
    }

    @Test
    void report_onJdbcStore_writesThePageAndJunitOfItsEvaluations() throws IOException {
        evaluate(412, "--store", url);
        evaluate(468, "--store", url);
        Path html = tmp.resolve("report.html");
        Path xml = tmp.resolve("gate.xml");

        GateRun report = gate("report", "--store", url, "--project", "shop", "--stage", "staging", "--service",
                "carts", "--out", html.toString(), "--junit", xml.toString());

        assertThat(report.err()).isEmpty();
        assertThat(report.exitCode()).isZero();
        assertThat(report.outLines().get(0)).startsWith("Wrote " + html + ": 2 evaluations, ");
        assertThat(Files.readString(html)).contains("response_time_p95", "468");
        assertThat(Files.readString(xml)).contains("<testcase", "response_time_p95", "<failure");
    }

    @Test
    void report_onEmptyJdbcStore_namesTheStoreWithoutThePassword() {
        GateRun report = gate("report", "--store", url, "--project", "shop", "--stage", "staging", "--service",
                "carts", "--out", tmp.resolve("report.html").toString()).hasNoStackTrace();

        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err()).contains(server.url(database) + "?user=gate&password=****",
                "no evaluations of shop/staging/carts");
        assertThat(report.err()).doesNotContain(PostgresServer.PASSWORD, URLEncoder.encode(PostgresServer.PASSWORD,
                StandardCharsets.UTF_8));
        assertThat(tmp.resolve("report.html")).doesNotExist();
    }

    @Test
    void evaluate_storeInConfigWithWrongPassword_saysWhyWithoutThePassword() throws IOException {
        Path config = Files.writeString(tmp.resolve("gate.yaml"), "sources:\n  prometheus:\n    url:"
                + " http://127.0.0.1:9\nstore: " + server.url(database) + "?user=gate&password=wrong-pass-42\n");
        Path sli = Files.writeString(tmp.resolve("sli.yaml"), "spec_version: \"1.0\"\nindicators:\n"
                + "  response_time_p95: rt\n");
        Path slo = Files.writeString(tmp.resolve("slo.yaml"), SLO);

        GateRun run = gate("evaluate", "--slo", slo.toString(), "--sli", sli.toString(), "--config",
                config.toString(), "--window", "5m", "--project", "shop", "--stage", "staging", "--service", "carts")
                .hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("gate: error: Could not prepare the schema in "
                + server.url(database) + "?user=gate&password=****: FATAL: password authentication failed for user"
                + " \"gate\" (SQLSTATE 28P01)");
        assertThat(run.err()).doesNotContain("wrong-pass-42");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
