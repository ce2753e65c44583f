package dev.qualitygate.jmeter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JMeterConfTest {
    @TempDir
    Path dir;

    @Test
    void read_noFile_keptnsDefaults() {
        Map<String, Workload> w = JMeterConf.read(dir.resolve("jmeter.conf.yaml"));

        assertThat(w.keySet()).containsExactly("healthcheck", "performance", "functional");
        assertThat(w.get("performance")).isEqualTo(new Workload("performance", 10, 500, 250, "jmeter/load.jmx", 0.1,
                0, Map.of()));
        assertThat(w.get("functional").zeroErrors()).isTrue();
        assertThat(w.get("performance").zeroErrors()).isFalse();
    }

    @Test
    void read_keptnFile_overridesDefaultsAndAddsStrategies() throws IOException {
        Path f = Files.writeString(dir.resolve("jmeter.conf.yaml"), String.join("\n",
                "---",
                "spec_version: '0.1.0'",
                "workloads:",
                "  - teststrategy: performance",
                "    vuser: 100",
                "    loopcount: 10",
                "    script: jmeter/load.jmx",
                "    acceptederrorrate: 1.0",
                "  - teststrategy: performance_light",
                "    vuser: 50",
                "    loopcount: 10",
                "    thinktime: 100",
                "    avgrtvalidation: 300",
                "    script: jmeter/light.jmx",
                "    properties:",
                "      PROP1: value",
                "      PROP2: 2",
                ""));

        Map<String, Workload> w = JMeterConf.read(f);

        assertThat(w.get("performance")).isEqualTo(new Workload("performance", 100, 10, 0, "jmeter/load.jmx", 1.0, 0,
                Map.of()));
        assertThat(w.get("performance_light")).isEqualTo(new Workload("performance_light", 50, 10, 100,
                "jmeter/light.jmx", 0, 300, Map.of("PROP1", "value", "PROP2", "2")));
        assertThat(w.get("functional").script()).isEqualTo("jmeter/load.jmx");
    }

    @Test
    void read_invalidFile_everyProblemLocated() throws IOException {
        Path f = Files.writeString(dir.resolve("jmeter.conf.yaml"), String.join("\n",
                "spec_version: '0.1.0'",
                "workload: []",
                "workloads:",
                "  - teststrategy: performance",
                "    vusers: 10",
                "    loopcount: many",
                "    acceptederrorrate: 10",
                "  - just text",
                ""));

        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> JMeterConf.read(f));

        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                f + ":2:11: workload: unknown key; the file has spec_version and workloads",
                f + ":4:5: workloads[0].script: is required",
                f + ":5:13: workloads[0].vusers: unknown key; known keys: teststrategy, vuser, loopcount, thinktime,"
                        + " script, acceptederrorrate, avgrtvalidation, properties",
                f + ":6:16: workloads[0].loopcount: must be a whole number (was \"many\")",
                f + ":7:24: workloads[0].acceptederrorrate: must be a share between 0 and 1 (0.1 accepts 10 % failed"
                        + " samples) (was \"10\")",
                f + ":8:5: workloads[1]: must be a mapping with teststrategy, script, vuser, loopcount, thinktime,"
                        + " acceptederrorrate, avgrtvalidation, properties");
    }

    @Test
    void read_yamlSyntaxError_locatedProblem() throws IOException {
        Path f = Files.writeString(dir.resolve("jmeter.conf.yaml"), "workloads: [\n  - a: b\n");

        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> JMeterConf.read(f));

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(f.toString());
            assertThat(p.line()).isPositive();
            assertThat(p.message()).startsWith("YAML syntax error");
        });
    }
}
