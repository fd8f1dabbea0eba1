/**
 * One daemon per workspace: the OS file lock on {@code daemon.pid}, the {@code daemon.lock} clients
 * read, stale files of a killed daemon. Internal.
 */
@NullMarked
package dev.tracker.daemon.internal.lock;

import org.jspecify.annotations.NullMarked;
