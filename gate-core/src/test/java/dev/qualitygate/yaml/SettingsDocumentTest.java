package dev.qualitygate.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.model.GateSettings;
import dev.qualitygate.model.SourceSettings;
import dev.qualitygate.model.StageSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delivery part of gate.yaml: deployers, testers, approval and stages. */
class SettingsDocumentTest {

    static GateSettings read(String yaml) {
        return GateYaml.readSettings(yaml.getBytes(StandardCharsets.UTF_8), "gate.yaml");
    }

    @Test
    void readSettings_deliveryKeys_areReadWithProviderDefaultingToTheName() {
        GateSettings settings = read("""
                store: .qualitygate
                deployers:
                  local:
                    health: /ready
                testers:
                  load:
                    provider: jmeter
                approval:
                  provider: chat
                  channel: releases
                stages:
                  dev: {}
                  staging:
                    slo: staging/slo.yaml
                    sli: staging/sli.yaml
                    deployer: local
                    tester: load
                  production:
                    sli: [a.yaml, b.yaml]
                """);

        assertThat(settings.deployers()).containsExactly(Map.entry("local",
                new SourceSettings("local", Map.of("health", "/ready"))));
        assertThat(settings.testers()).containsExactly(Map.entry("load", new SourceSettings("jmeter", Map.of())));
        assertThat(settings.approval()).isEqualTo(new SourceSettings("chat", Map.of("channel", "releases")));
        assertThat(settings.stages()).containsExactly(
                Map.entry("dev", new StageSettings(null, List.of(), null, null)),
                Map.entry("staging", new StageSettings("staging/slo.yaml", List.of("staging/sli.yaml"), "local",
                        "load")),
                Map.entry("production", new StageSettings(null, List.of("a.yaml", "b.yaml"), null, null)));
        assertThat(settings.store()).isEqualTo(".qualitygate");
        assertThat(new GateSettings(Map.of(), null).deployers()).isEmpty();
    }

    @Test
    void readSettings_badDeliveryKeys_listsEveryProblemWithItsPlace() {
        assertThatThrownBy(() -> read("""
                deployers:
                  Local: {}
                approval:
                  channel: x
                stages:
                  staging:
                    deployer: k8s
                    tester: jmeter
                    slos: x
                """)).isInstanceOfSatisfying(GateConfigException.class, e -> assertThat(e.problems())
                .extracting(Object::toString).containsExactly(
                        "gate.yaml:2:10: deployers.Local.provider: must be the id of a deployer provider, such as"
                                + " local or kubernetes (it defaults to the entry's name) (was \"Local\")",
                        "gate.yaml:4:3: approval.provider: is missing: name the approval handler's provider",
                        "gate.yaml:7:15: stages.staging.deployer: names no deployer under deployers; configured:"
                                + " [Local] (was \"k8s\")",
                        "gate.yaml:8:13: stages.staging.tester: names no tester under testers; configured: [] (was"
                                + " \"jmeter\")",
                        "gate.yaml:9:5: stages.staging.slos: unknown key; did you mean slo?"));
    }
}
