/** The daemon's threads (named, tracked and joined) and the deadlines of its shutdown. Internal. */
@NullMarked
package dev.tracker.daemon.internal.lifecycle;

import org.jspecify.annotations.NullMarked;
