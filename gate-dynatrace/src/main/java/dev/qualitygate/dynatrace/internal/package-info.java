/**
 * Internal implementation of the Dynatrace metric source: the HTTP client with its retries and time limits, the
 * response records, the SLI query parser and the Dynatrace-specific placeholders. Not API; may change in any
 * release.
 */
@NullMarked
package dev.qualitygate.dynatrace.internal;

import org.jspecify.annotations.NullMarked;
