/**
 * Internal implementation; not API; may change in any release.
 */
@NullMarked
package dev.qualitygate.internal;

import org.jspecify.annotations.NullMarked;
