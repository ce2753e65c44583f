/**
 * AssertJ assertions on evaluation results. Start from {@link dev.qualitygate.test.assertj.GateAssertions}:
 * {@code assertThat(result).isPass().objective("response_time_p95").hasStatus(PASS)}. A failing assertion says what
 * was expected, what was found and explains the evaluation or objective, so a failing gate test explains itself.
 */
@NullMarked
package dev.qualitygate.test.assertj;

import org.jspecify.annotations.NullMarked;
