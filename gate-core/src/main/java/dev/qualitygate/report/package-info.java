/**
 * Renderings of evaluation results: {@link dev.qualitygate.report.EvaluationJson} (Keptn's
 * {@code evaluation.finished} data, both ways), {@link dev.qualitygate.report.TextReport} (for people on a terminal),
 * {@link dev.qualitygate.report.HtmlReport} (a self-contained page with a heatmap, breakdowns and trend charts over
 * a history) and {@link dev.qualitygate.report.JUnitXml} (for the test tab of a CI server).
 */
@NullMarked
package dev.qualitygate.report;

import org.jspecify.annotations.NullMarked;
