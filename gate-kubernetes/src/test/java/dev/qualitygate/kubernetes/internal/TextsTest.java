package dev.qualitygate.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextsTest {

    @ParameterizedTest
    @CsvSource({"PT0.25S, 250ms", "PT2S, 2s", "PT90S, 1m30s", "PT5M, 5m", "PT1H0M5S, 1h5s", "PT0S, 0ms"})
    void duration_writesItAsPeopleDo(String iso, String expected) {
        assertThat(Texts.duration(Duration.parse(iso))).isEqualTo(expected);
    }
}
