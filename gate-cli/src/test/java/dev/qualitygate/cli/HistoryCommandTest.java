package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code gate history} on the file store; {@link HistoryJdbcTest} runs it on PostgreSQL. */
class HistoryCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    /** A Keptn evaluation.finished event of the datastore, as its API exports them. */
    static String finished(String id, String triggeredId, String time, String service, String result, double rt) {
        return "{\"type\": \"sh.keptn.event.evaluation.finished\", \"specversion\": \"1.0\","
                + " \"source\": \"lighthouse-service\", \"id\": \"" + id + "\", \"time\": \"" + time + "\","
                + " \"triggeredid\": \"" + triggeredId + "\", \"shkeptncontext\": \"ctx-" + triggeredId + "\","
                + " \"data\": {\"project\": \"shop\", \"stage\": \"staging\", \"service\": \"" + service + "\","
                + " \"labels\": {\"buildId\": \"" + id + "\"}, \"status\": \"succeeded\", \"result\": \"" + result
                + "\", \"evaluation\": {\"result\": \"" + result + "\", \"score\": "
                + (result.equals("pass") ? 100 : 50) + ", \"indicatorResults\": [{\"score\": 1, \"status\": \"pass\","
                + " \"value\": {\"metric\": \"response_time_p95\", \"value\": " + rt + ", \"success\": true}}]}}}";
    }

    static String invalidated(String triggeredId) {
        return "{\"type\": \"sh.keptn.event.evaluation.invalidated\", \"specversion\": \"1.0\", \"id\": \"inv-"
                + triggeredId + "\", \"time\": \"2024-06-01T00:00:00.000Z\", \"triggeredid\": \"" + triggeredId + "\","
                + " \"data\": {\"project\": \"shop\", \"stage\": \"staging\", \"service\": \"carts\"}}";
    }

    static String page(String... events) {
        return "{\"events\": [" + String.join(",\n", events) + "], \"pageSize\": 20, \"totalCount\": " + events.length
                + "}";
    }

    /** Keptn's export: a page of finished evaluations, newest first, and a page of invalidations. */
    static List<Path> keptnExport(Path dir) throws IOException {
        Path evaluations = Files.writeString(dir.resolve("evaluations.json"), page(
                finished("ev-4", "tr-4", "2024-05-04T10:00:00.000Z", "carts", "pass", 404),
                finished("ev-3", "tr-3", "2024-05-03T10:00:00.000Z", "carts", "fail", 903),
                finished("ev-o1", "tr-o1", "2024-05-02T12:00:00.000Z", "orders", "pass", 201),
                finished("ev-2", "tr-2", "2024-05-02T10:00:00.000Z", "carts", "pass", 402),
                finished("ev-1", "tr-1", "2024-05-01T10:00:00.000Z", "carts", "pass", 401)));
        Path invalidations = Files.writeString(dir.resolve("invalidations.json"), page(invalidated("tr-2")));
        return List.of(evaluations, invalidations);
    }

    @Test
    void import_keptnExport_appendsOldestFirstWithoutInvalidatedAndListsThem() throws IOException {
        List<Path> export = keptnExport(tmp);
        String store = tmp.resolve("history").toString();

        GateRun imported = gate("history", "import", export.get(0).toString(), export.get(1).toString(), "--store",
                store).hasNoStackTrace();
        GateRun listed = gate("history", "list", "--store", store, "--project", "shop", "--stage", "staging",
                "--service", "carts");

        assertThat(imported.err()).isEmpty();
        assertThat(imported.exitCode()).isZero();
        assertThat(imported.outLines()).containsExactly(
                "Imported 4 evaluations into the file evaluation store in " + store + ":",
                "  shop/staging/carts: 3",
                "  shop/staging/orders: 1");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.outLines()).containsExactly(
                "3 evaluations of shop/staging/carts in the file evaluation store in " + store + ", oldest first:",
                "TIME                      RESULT    SCORE  ID                                    LABELS",
                "2024-05-01T10:00:00Z      pass     100.00  ev-1                                  buildId=ev-1",
                "2024-05-03T10:00:00Z      fail      50.00  ev-3                                  buildId=ev-3",
                "2024-05-04T10:00:00Z      pass     100.00  ev-4                                  buildId=ev-4");
    }

    @Test
    void import_withOverrides_storesUnderTheGivenHistory() throws IOException {
        List<Path> export = keptnExport(tmp);
        String store = tmp.resolve("history").toString();

        GateRun imported = gate("history", "import", export.get(0).toString(), "--store", store, "--project", "web",
                "--service", "basket");
        GateRun listed = gate("history", "list", "--store", store, "--project", "web", "--stage", "staging",
                "--service", "basket", "--format", "json");

        assertThat(imported.exitCode()).isZero();
        assertThat(imported.outLines()).endsWith("  web/staging/basket: 5");
        JsonNode results = JSON.readTree(listed.out());
        assertThat(results).hasSize(5);
        assertThat(results.get(0).path("id").asString()).isEqualTo("ev-1");
        assertThat(results.get(0).path("project").asString()).isEqualTo("web");
        assertThat(results.get(4).path("id").asString()).isEqualTo("ev-4");
    }

    @Test
    void import_filesWithProblems_listsEveryProblemAndStoresNothing() throws IOException {
        Path noService = Files.writeString(tmp.resolve("no-service.json"), "[{\"id\": \"a\", \"project\": \"shop\","
                + " \"stage\": \"staging\", \"result\": \"pass\"}, {\"project\": \"shop\", \"result\": \"pass\"}]");
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"events\": [");
        Path store = tmp.resolve("history");

        GateRun run = gate("history", "import", noService.toString(), broken.toString(), tmp.resolve("absent.json")
                .toString(), "--store", store.toString()).hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(5)
                .anyMatch(l -> l.startsWith(broken + ":1:") && l.contains("not valid JSON"))
                .contains(tmp.resolve("absent.json") + ": cannot read the file: no such file",
                        noService + ": evaluation a has no service (give --service): a store keeps one history per"
                                + " project, stage and service",
                        noService + ": evaluation #2 (in file order) has no id (an event id or data.id); a store needs"
                                + " one",
                        noService + ": evaluation #2 has no stage (give --stage), service (give --service): a store"
                                + " keeps one history per project, stage and service");
        assertThat(store).doesNotExist();
    }

    @Test
    void invalidate_storedEvaluation_isNoLongerListedAndAnUnknownIdIsAnError() throws IOException {
        List<Path> export = keptnExport(tmp);
        String store = tmp.resolve("history").toString();
        gate("history", "import", export.get(0).toString(), "--store", store);

        GateRun invalidated = gate("history", "invalidate", "ev-3", "--store", store);
        GateRun unknown = gate("history", "invalidate", "ev-9", "ev-4", "--store", store);
        GateRun listed = gate("history", "list", "--store", store, "--project", "shop", "--stage", "staging",
                "--service", "carts", "--format", "json");

        assertThat(invalidated.exitCode()).isZero();
        assertThat(invalidated.outLines()).containsExactly(
                "Invalidated evaluation ev-3: it is no longer used as a baseline.");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).containsExactly(
                "gate: error: there is no evaluation ev-9 in the file evaluation store in " + store + ".");
        assertThat(unknown.outLines()).containsExactly(
                "Invalidated evaluation ev-4: it is no longer used as a baseline.");
        assertThat(JSON.readTree(listed.out()).findValuesAsString("id")).containsExactly("ev-1", "ev-2");
    }

    @Test
    void list_storeFromConfig_resolvesTheDirectoryAgainstTheFile() throws IOException {
        Path configDir = Files.createDirectories(tmp.resolve("conf"));
        Path config = Files.writeString(configDir.resolve("gate.yaml"), "store: history\n");
        gate("history", "import", keptnExport(tmp).get(0).toString(), "--store", configDir.resolve("history")
                .toString());

        GateRun listed = gate("history", "list", "--config", config.toString(), "--project", "shop", "--stage",
                "staging", "--service", "orders", "--last", "1");

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.outLines()).hasSize(3).last().asString().contains("ev-o1");
    }

    @Test
    void list_emptyHistory_saysSo() {
        String store = tmp.resolve("history").toString();

        GateRun listed = gate("history", "list", "--store", store, "--project", "shop", "--stage", "staging",
                "--service", "carts");

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.outLines()).containsExactly(
                "No evaluations of shop/staging/carts in the file evaluation store in " + store + ".");
    }

    @Test
    void history_withoutStoreOrWithBoth_isUsageError() throws IOException {
        Path config = Files.writeString(tmp.resolve("gate.yaml"), "sources: {}\n");

        GateRun neither = gate("history", "invalidate", "ev-1");
        GateRun both = gate("history", "invalidate", "ev-1", "--store", "h", "--config", config.toString());
        GateRun noStore = gate("history", "invalidate", "ev-1", "--config", config.toString());
        GateRun noCommand = gate("history");

        assertThat(List.of(neither, both, noStore, noCommand)).extracting(GateRun::exitCode).containsOnly(2);
        assertThat(neither.errLines()).first().isEqualTo(
                "give the store: --store DIR|URL, or --config FILE with a store: (one of them)");
        assertThat(both.errLines()).first().isEqualTo(neither.errLines().get(0));
        assertThat(noStore.errLines()).first().isEqualTo(
                config + " names no store: add store: DIR|URL to it, or give --store");
        assertThat(noCommand.errLines()).first().asString().startsWith("Missing required subcommand");
    }

    @Test
    void list_lastBelowOne_isUsageError() {
        GateRun run = gate("history", "list", "--store", tmp.toString(), "--project", "p", "--stage", "s",
                "--service", "x", "--last", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("--last must be at least 1, was 0");
    }

    @Test
    void help_describesTheStoreOption() {
        GateRun run = gate("history", "import", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("jdbc:postgresql://HOST:PORT/DB?").contains("user=${env:U}&password=${env:P}");
    }
}
