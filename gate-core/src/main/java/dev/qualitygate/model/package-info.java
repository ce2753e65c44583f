/**
 * Immutable values: the SLO ({@link dev.qualitygate.model.Slo}), SLI ({@link dev.qualitygate.model.SliConfig}) and
 * result ({@link dev.qualitygate.model.EvaluationResult}) models, and the inputs of an evaluation
 * ({@link dev.qualitygate.model.IndicatorValue}, {@link dev.qualitygate.model.EvaluationContext},
 * {@link dev.qualitygate.model.TimeWindow}). Collections are never {@code null}; all types are thread-safe.
 */
@NullMarked
package dev.qualitygate.model;

import org.jspecify.annotations.NullMarked;
