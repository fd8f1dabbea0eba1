/**
 * The public API of tracker: {@link dev.tracker.core.TrackerService}, its configuration, the issue
 * model and the exceptions. Everything below {@code dev.tracker.core.internal} is internal and may
 * change without notice.
 */
@NullMarked
package dev.tracker.core;

import org.jspecify.annotations.NullMarked;
