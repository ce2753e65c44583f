/**
 * The sample service of {@code gate demo}: a tiny HTTP service whose versions differ in their error rate.
 */
@NullMarked
package dev.qualitygate.cli.demo;

import org.jspecify.annotations.NullMarked;
