/**
 * Internal implementation of gate-jmeter; not API; may change in any release: the JTL readers (a byte-level CSV
 * parser that splits a file among threads, and a streaming XML reader), the per-label aggregation, the SLI query
 * language, and running JMeter as a child process.
 */
@NullMarked
package dev.qualitygate.jmeter.internal;

import org.jspecify.annotations.NullMarked;
