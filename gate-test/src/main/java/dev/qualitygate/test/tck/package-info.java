/**
 * Contract tests (a TCK) for plugin authors: extend {@link dev.qualitygate.test.tck.MetricSourceProviderContract}
 * in a test of your plugin, supply the provider and valid settings, and JUnit runs every check of the SPI's rules
 * against it (discovery, id, constructor, validation, secret masking, closing, never throwing on unknown queries).
 * Likewise {@link dev.qualitygate.test.tck.EvaluationStoreContract} checks an evaluation store (order, filters,
 * separate histories, round trip, invalidation, concurrent appends).
 */
@NullMarked
package dev.qualitygate.test.tck;

import org.jspecify.annotations.NullMarked;
