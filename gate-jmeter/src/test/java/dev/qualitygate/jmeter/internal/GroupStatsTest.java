package dev.qualitygate.jmeter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The plain counts in front of the histograms leave the histograms exactly as recording every value would. */
class GroupStatsTest {
    @Test
    void addAndMerge_valuesBelowAndAboveTheCountedRange_histogramEqualsRecordingEachValue() {
        qt().withExamples(100).forAll(longs().all(), integers().between(0, 3000)).checkAssert((seed, n) -> {
            Random r = new Random(seed);
            boolean[] fields = {true, true, false};
            GroupStats first = new GroupStats(fields);
            GroupStats second = new GroupStats(fields);
            Histogram elapsed = new Histogram(GroupStats.DIGITS);
            Histogram latency = new Histogram(GroupStats.DIGITS);
            for (int i = 0; i < n; i++) {
                long e = switch (r.nextInt(4)) {
                    case 0 -> 2046 + r.nextInt(4);
                    case 1 -> r.nextInt(60_000);
                    default -> r.nextInt(2048);
                };
                long l = r.nextInt(3000);
                (r.nextBoolean() ? first : second).add(1000 + i, e, l, -1);
                elapsed.recordValue(e);
                latency.recordValue(l);
            }

            first.merge(second);

            assertThat(first.count).isEqualTo((long) n);
            assertThat(first.histograms[0]).isEqualTo(elapsed);
            assertThat(first.histograms[1]).isEqualTo(latency);
            assertThat(first.histograms[2]).isNull();
            assertThat(first.histograms[0].getMaxValue()).isEqualTo(elapsed.getMaxValue());
            assertThat(first.histograms[0].getValueAtPercentile(99)).isEqualTo(elapsed.getValueAtPercentile(99));
        });
    }
}
