/**
 * Internal implementation of the Kubernetes plugins: strategies, rollout following, manifests, the Job runner.
 * Not API; may change in any release.
 */
@NullMarked
package dev.qualitygate.kubernetes.internal;

import org.jspecify.annotations.NullMarked;
