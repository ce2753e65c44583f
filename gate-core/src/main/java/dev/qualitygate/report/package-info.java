/**
 * Renderings of evaluation results: {@link dev.qualitygate.report.EvaluationJson} (Keptn's
 * {@code evaluation.finished} data, both ways) and {@link dev.qualitygate.report.TextReport} (for people).
 */
@NullMarked
package dev.qualitygate.report;

import org.jspecify.annotations.NullMarked;
