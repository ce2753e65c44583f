/**
 * Evaluation history: the {@link dev.qualitygate.history.EvaluationStore} SPI, an in-memory store and the embedded
 * file store (append-only JSON lines, crash-safe, safe with several processes).
 */
@NullMarked
package dev.qualitygate.history;

import org.jspecify.annotations.NullMarked;
