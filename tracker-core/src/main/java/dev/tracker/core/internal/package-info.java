/** Internal to tracker-core: not part of the API, may change without notice. */
@NullMarked
package dev.tracker.core.internal;

import org.jspecify.annotations.NullMarked;
