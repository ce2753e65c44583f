package dev.qualitygate.delivery;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.spi.TestRunResult;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates the quality gate of one stage: what the {@code evaluation} task runs. Usually a {@link dev.qualitygate.Gate}
 * built from the stage's SLO and SLI files, as {@code (context, window, run) -> run == null ? gate.evaluate(context,
 * window) : gate.evaluate(context, window, run)}, which also stores the result as history.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface StageEvaluator {

    /**
     * Evaluates.
     *
     * @param context project, stage, service, deployment and labels of the build
     * @param window the window to measure: the task's {@code timeframe}, or the time the last test of the stage ran
     * @param testRun the last test run of the stage in this delivery, whose results a metric source may read (see
     *     {@link dev.qualitygate.spi.MetricSource#measuring(TestRunResult)}); {@code null} if no test ran
     * @return the result; a failed SLI is a scored result, not an exception
     */
    EvaluationResult evaluate(EvaluationContext context, TimeWindow window, @Nullable TestRunResult testRun);
}
