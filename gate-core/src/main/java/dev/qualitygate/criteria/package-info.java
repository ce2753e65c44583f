/**
 * The criteria language of Keptn SLO files ({@code <600}, {@code <=+10%}, {@code >=-5}, {@code =0}), parsed once
 * into {@link dev.qualitygate.criteria.Criterion} values that compute their target from a baseline.
 */
@NullMarked
package dev.qualitygate.criteria;

import org.jspecify.annotations.NullMarked;
