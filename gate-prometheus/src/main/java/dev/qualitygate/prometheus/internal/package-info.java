/**
 * Internal implementation of the Prometheus metric source: the HTTP client with its retries and time limits, the
 * DTOs of the API's JSON answers, and the rules that turn an answer into an indicator value. Not API; may change in
 * any release.
 */
@NullMarked
package dev.qualitygate.prometheus.internal;

import org.jspecify.annotations.NullMarked;
