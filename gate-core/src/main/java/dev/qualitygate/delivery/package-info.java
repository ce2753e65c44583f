/**
 * Runs a shipyard for one artifact of one service: per stage its sequences of tasks (deployment, test, evaluation,
 * approval, release, rollback), then the sequences that {@code triggeredOn} starts, as Keptn's shipyard controller
 * did. {@link dev.qualitygate.delivery.DeliveryRunner} executes a run with the SPI's deployers, testers and approval
 * handlers, writes every step as a Keptn CloudEvent ({@link dev.qualitygate.delivery.DeliveryEvent}) to an
 * {@link dev.qualitygate.history.EventLog} and to {@link dev.qualitygate.delivery.DeliveryListener}s, and rebuilds a
 * run from its log, so that a manual approval can be decided by another process later.
 */
@NullMarked
package dev.qualitygate.delivery;

import org.jspecify.annotations.NullMarked;
