package dev.qualitygate.dynatrace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DynatracePlaceholdersTest {
    private static final Map<String, String> ENV = Map.of("MY_ENV_TAG", "some_tag", "MY_ENV", "short",
            "SLO_ID", "524ca177-849b-3e8c-8175-42b93fbc33c5");

    private static Optional<String> env(String name) {
        return Optional.ofNullable(ENV.get(name));
    }

    @Test
    void fill_envPlaceholder_isSentButNotShown() throws QueryException {
        DynatracePlaceholders.Filled f = DynatracePlaceholders.fill(
                "entitySelector=type(SERVICE),tag(\"env_tag:$ENV.MY_ENV_TAG\")&metricSelector=builtin:a", Map.of(),
                DynatracePlaceholdersTest::env);

        assertThat(f.sent()).isEqualTo("entitySelector=type(SERVICE),tag(\"env_tag:some_tag\")&metricSelector=builtin:a");
        assertThat(f.shown()).contains("$ENV.MY_ENV_TAG").doesNotContain("some_tag");
    }

    @Test
    void fill_envName_takesTheLongestName() throws QueryException {
        assertThat(DynatracePlaceholders.fill("SLO;$ENV.SLO_ID", Map.of(), DynatracePlaceholdersTest::env).sent())
                .isEqualTo("SLO;524ca177-849b-3e8c-8175-42b93fbc33c5");
        assertThat(DynatracePlaceholders.fill("tag($ENV.MY_ENV_TAG)", Map.of(), DynatracePlaceholdersTest::env)
                .sent()).isEqualTo("tag(some_tag)");
    }

    @Test
    void fill_unsetEnvironmentVariable_isRefused() {
        assertThatThrownBy(() -> DynatracePlaceholders.fill("tag($ENV.NOT_SET)", Map.of(),
                DynatracePlaceholdersTest::env)).isInstanceOf(QueryException.class)
                .hasMessage("the placeholder $ENV.NOT_SET has no value: the environment variable NOT_SET is not set");
    }

    @Test
    void fill_keptnEventPlaceholders_comeFromLabels() throws QueryException {
        DynatracePlaceholders.Filled f = DynatracePlaceholders.fill(
                "tag(\"context:$CONTEXT\"),tag(\"e:$EVENT\"),tag(\"s:$SOURCE\"),tag(\"t:$TESTSTRATEGY\")",
                Map.of("context", "ctx-1", "event", "ev-2", "source", "jenkins", "teststrategy", "performance"),
                DynatracePlaceholdersTest::env);

        assertThat(f.sent()).isEqualTo("tag(\"context:ctx-1\"),tag(\"e:ev-2\"),tag(\"s:jenkins\"),"
                + "tag(\"t:performance\")");
        assertThat(f.shown()).isEqualTo(f.sent());
    }

    @Test
    void fill_keptnEventPlaceholderWithoutLabel_isRefusedNamingTheLabel() {
        assertThatThrownBy(() -> DynatracePlaceholders.fill("tag(t:$TESTSTRATEGY)", Map.of(),
                DynatracePlaceholdersTest::env)).hasMessage("the placeholder $TESTSTRATEGY has no value: give the"
                        + " evaluation the label teststrategy (gate evaluate --label teststrategy=...)");
    }

    @Test
    void fill_labelPlaceholderLeftByCore_isRefused() {
        assertThatThrownBy(() -> DynatracePlaceholders.fill("SLO;$LABEL.slo_id", Map.of(),
                DynatracePlaceholdersTest::env)).hasMessage("the placeholder $LABEL.slo_id has no value: the"
                        + " evaluation has no label slo_id (gate evaluate --label slo_id=...)");
    }

    @Test
    void fill_noPlaceholders_leavesQuery() throws QueryException {
        String q = "metricSelector=builtin:a:filter(eq(\"k\",\"$x\"))";

        assertThat(DynatracePlaceholders.fill(q, Map.of(), DynatracePlaceholdersTest::env))
                .isEqualTo(new DynatracePlaceholders.Filled(q, q));
    }
}
