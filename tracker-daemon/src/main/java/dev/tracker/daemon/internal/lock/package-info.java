/**
 * {@code daemon.lock}: one daemon per workspace, held with an OS file lock; stale files of a killed
 * daemon. Internal.
 */
@NullMarked
package dev.tracker.daemon.internal.lock;

import org.jspecify.annotations.NullMarked;
