/**
 * The {@code tracker} command line: picocli commands over {@link dev.tracker.core.TrackerService},
 * and the main of a detached daemon. Internal: not part of the API.
 */
@NullMarked
package dev.tracker.daemon.cli;

import org.jspecify.annotations.NullMarked;
