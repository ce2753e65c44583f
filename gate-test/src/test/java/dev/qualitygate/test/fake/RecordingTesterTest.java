package dev.qualitygate.test.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.Plugins;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingTesterTest {
    private static final TimeWindow WINDOW = TimeWindow.ending(Instant.parse("2026-03-01T10:05:00Z"),
            Duration.ofMinutes(5));
    private static final TestRunRequest REQUEST = new TestRunRequest(EvaluationContext.of("shop", "dev", "carts"),
            "performance", URI.create("http://127.0.0.1:8080"), Map.of(), Duration.ofMinutes(10));
    private static final TestRunResult PASSED = new TestRunResult(Verdict.PASS, WINDOW, 1000, 3,
            List.of("HTTP 500"), null, "1000 samples, 3 failed");

    @Test
    void returning_recordsTheRequestAndAnswersWithTheResult() {
        RecordingTester tester = RecordingTester.returning(PASSED, "performance");

        assertThat(tester.run(REQUEST)).isSameAs(PASSED);
        assertThat(tester.requests()).containsExactly(REQUEST);
        assertThat(tester.strategies()).containsExactly("performance");
    }

    @Test
    void answering_computesTheResultFromTheRequest() {
        RecordingTester tester = RecordingTester.answering(r -> new TestRunResult(Verdict.FAIL, WINDOW, 0, 0,
                List.of(), null, "nothing answered at " + r.target()), "functional");

        assertThat(tester.run(REQUEST).message()).isEqualTo("nothing answered at http://127.0.0.1:8080");
    }

    @Test
    void noStrategy_isRefused() {
        assertThatThrownBy(() -> RecordingTester.returning(PASSED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void close_isRecordedAndIdempotent() {
        RecordingTester tester = RecordingTester.returning(PASSED, "performance");

        tester.close();
        tester.close();

        assertThat(tester.isClosed()).isTrue();
    }

    @Test
    void asProvider_isFoundByIdAndCreatesThisTester() {
        RecordingTester tester = RecordingTester.returning(PASSED, "performance");

        assertThat(Plugins.none().with(tester.asProvider("jmeter")).tester("jmeter")
                .create(ProviderConfig.of("test", Map.of()), ProviderContext.defaults())).isSameAs(tester);
    }
}
