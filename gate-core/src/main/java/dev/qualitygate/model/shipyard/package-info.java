/**
 * The shipyard model: {@link dev.qualitygate.model.shipyard.Shipyard} with its stages, sequences, tasks and
 * triggers, covering Keptn's 0.1.x format (strategies per stage) and 0.2.x format (sequences of tasks).
 */
@NullMarked
package dev.qualitygate.model.shipyard;

import org.jspecify.annotations.NullMarked;
