/**
 * The scoring engine: {@link dev.qualitygate.engine.Evaluator} turns an SLO, indicator values and earlier
 * evaluations into an {@link dev.qualitygate.model.EvaluationResult}. Pure functions; no I/O; deterministic.
 */
@NullMarked
package dev.qualitygate.engine;

import org.jspecify.annotations.NullMarked;
