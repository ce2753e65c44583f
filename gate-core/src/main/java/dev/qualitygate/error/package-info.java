/**
 * Exceptions. {@link dev.qualitygate.error.GateException} is the one unchecked root; invalid input throws
 * {@link dev.qualitygate.error.GateConfigException}, which carries every {@link dev.qualitygate.error.Problem} found
 * with its file, line, column and key. A failing quality gate is a result, not an exception.
 */
@NullMarked
package dev.qualitygate.error;

import org.jspecify.annotations.NullMarked;
