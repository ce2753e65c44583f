/**
 * Loading and validation of Keptn's {@code slo.yaml}, {@code sli.yaml} and {@code shipyard.yaml}:
 * {@link dev.qualitygate.yaml.GateYaml} reads them with Jackson's YAML parser into a located tree, binds it the way
 * Keptn's Go decoder did, validates it with Jakarta Validation plus QualityGate's rules, and reports every problem
 * at once with its file, line, column and key.
 */
@NullMarked
package dev.qualitygate.yaml;

import org.jspecify.annotations.NullMarked;
