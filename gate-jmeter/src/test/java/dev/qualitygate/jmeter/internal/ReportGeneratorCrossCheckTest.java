package dev.qualitygate.jmeter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares the summary with JMeter's own report generator ({@code jmeter -g}) on the same file, its percentile
 * window set to exact ({@code jmeter.reportgenerator.statistic_window=-1}): counts, error %, mean, min, max and
 * throughput equal, percentiles within the stated accuracy (exact below 2048 ms, else within 1/1024).
 */
@Timeout(240)
class ReportGeneratorCrossCheckTest {
    @TempDir
    Path dir;

    @Test
    void summary_equalsJMetersReportGenerator_withinTheStatedAccuracy() throws Exception {
        Path jtl = Samples.write(dir.resolve("results.jtl"), Samples.random(3_000, 11));
        JsonNode statistics = reportGenerator(jtl);
        JtlSummary summary = JtlReader.read(jtl, JtlReader.Format.AUTO, ReadOptions.defaults(2));

        List<String> compared = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : statistics.properties()) {
            String label = e.getKey();
            JsonNode s = e.getValue();
            Predicate<String> filter = label.equals("Total") ? null : label::equals;
            GroupStats all = summary.select(filter, null, Field.ELAPSED);
            int f = Field.ELAPSED.ordinal();
            assertThat(all.count).as(label).isEqualTo(s.get("sampleCount").asLong());
            assertThat(summary.errors(filter)).as(label).isEqualTo(s.get("errorCount").asLong());
            assertThat(summary.errors(filter) * 100.0 / all.count).as(label)
                    .isCloseTo(s.get("errorPct").asDouble(), offset(1e-4));
            assertThat((double) all.sum[f] / all.count).as(label)
                    .isCloseTo(s.get("meanResTime").asDouble(), offset(1e-6));
            assertThat(all.min[f]).as(label).isEqualTo(s.get("minResTime").asLong());
            assertThat(all.max[f]).as(label).isEqualTo(s.get("maxResTime").asLong());
            assertThat(all.count * 1000.0 / (all.maxEnd - all.minStart)).as(label)
                    .isCloseTo(s.get("throughput").asDouble(), withinPercentage(1e-6));
            assertPercentile(label + " median", Query.legacyPercentile(all, f, 50), s.get("medianResTime"));
            assertPercentile(label + " p90", Query.legacyPercentile(all, f, 90), s.get("pct1ResTime"));
            assertPercentile(label + " p95", Query.legacyPercentile(all, f, 95), s.get("pct2ResTime"));
            assertPercentile(label + " p99", Query.legacyPercentile(all, f, 99), s.get("pct3ResTime"));
            compared.add(label);
        }
        assertThat(compared).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(Samples.LABELS.stream(), java.util.stream.Stream.of("Total")).toList());
    }

    private static void assertPercentile(String what, double ours, JsonNode theirs) {
        double jmeter = theirs.asDouble();
        if (jmeter < 2048) {
            assertThat(ours).as(what).isCloseTo(jmeter, offset(1e-6));
        } else {
            assertThat(ours).as(what).isCloseTo(jmeter, withinPercentage(100.0 / 1024));
        }
    }

    private JsonNode reportGenerator(Path jtl) throws IOException, InterruptedException {
        Path home = JMeterHome.assemble(System.getProperty("java.class.path"), Path.of(
                System.getProperty("java.io.tmpdir")));
        Path out = dir.resolve("report");
        Path log = dir.resolve("generator.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                JMeterHome.launcher(home).toString(), "-g", jtl.toString(), "-o", out.toString(),
                "-j", dir.resolve("generator.log").toString(), "-Jjmeterengine.nongui.port=0",
                "-Jjmeter.reportgenerator.statistic_window=-1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(200, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jmeter -g did not finish in 200 s: " + Files.readString(log));
        }
        Path statistics = out.resolve("statistics.json");
        assertThat(statistics).as("jmeter -g output: %s", Files.readString(log)).exists();
        return JsonMapper.builder().build().readTree(statistics.toFile());
    }
}
