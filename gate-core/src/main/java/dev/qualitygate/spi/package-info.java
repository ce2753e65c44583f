/**
 * The plugin SPI: {@link dev.qualitygate.spi.MetricSource}, {@link dev.qualitygate.spi.Deployer},
 * {@link dev.qualitygate.spi.Tester} and {@link dev.qualitygate.spi.ApprovalHandler}, each created by a named
 * {@link dev.qualitygate.spi.Provider} that {@link java.util.ServiceLoader} finds, from a validated
 * {@link dev.qualitygate.spi.ProviderConfig}. Plugins depend on this package, {@code model} and {@code error}
 * only.
 */
@NullMarked
package dev.qualitygate.spi;

import org.jspecify.annotations.NullMarked;
