/**
 * The client of the daemon: {@link dev.tracker.core.internal.client.DaemonClient} (a small pool of
 * Unix-socket connections speaking the protocol of {@code docs/PROTOCOL.md}, with a timeout per
 * call and no thread of its own) and {@link dev.tracker.core.internal.client.RemoteBackend}, the
 * {@link dev.tracker.core.internal.Backend} a {@link dev.tracker.core.TrackerService} uses when it
 * talks to a daemon. Nothing here touches the store, so a client loads no jOOQ, HikariCP or JGit
 * class. Internal: not part of the API.
 */
@NullMarked
package dev.tracker.core.internal.client;

import org.jspecify.annotations.NullMarked;
