/**
 * QualityGate: decides whether a build may move on, from Keptn's {@code slo.yaml} and {@code sli.yaml}.
 *
 * <p>{@link dev.qualitygate.QualityGate} evaluates values you already have (a unit test);
 * {@link dev.qualitygate.Gate} fetches them from metric sources, keeps history and stores results;
 * {@link dev.qualitygate.Plugins} finds the metric sources, deployers, testers and approval handlers on the class
 * path.
 */
@NullMarked
package dev.qualitygate;

import org.jspecify.annotations.NullMarked;
