/**
 * The daemon of a workspace: {@link dev.tracker.daemon.TrackerDaemon}, what it reports of its
 * background work ({@link dev.tracker.daemon.Runs}) and its exceptions. Everything below {@code
 * dev.tracker.daemon.internal} is internal and may change without notice.
 */
@NullMarked
package dev.tracker.daemon;

import org.jspecify.annotations.NullMarked;
