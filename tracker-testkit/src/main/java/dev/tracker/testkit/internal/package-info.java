/** Internal to tracker-testkit: not part of the API, may change without notice. */
@NullMarked
package dev.tracker.testkit.internal;

import org.jspecify.annotations.NullMarked;
