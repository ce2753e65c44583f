/**
 * Fakes of the plugin SPI for tests: {@link dev.qualitygate.test.fake.InMemoryMetricSource} answers SLI queries from
 * a map and records them, {@link dev.qualitygate.test.fake.InMemoryMetricSourceProvider} (id {@code in-memory})
 * creates it from settings, and {@link dev.qualitygate.test.fake.RecordingDeployer} and
 * {@link dev.qualitygate.test.fake.RecordingTester} record requests and return configurable results. No network, no
 * files, no clock.
 */
@NullMarked
package dev.qualitygate.test.fake;

import org.jspecify.annotations.NullMarked;
