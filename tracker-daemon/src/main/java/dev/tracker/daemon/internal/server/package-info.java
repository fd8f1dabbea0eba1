/**
 * The socket: where it is bound, the acceptor, one handler per connection with its line framing,
 * the connection limit and the idle watchdog. Internal.
 */
@NullMarked
package dev.tracker.daemon.internal.server;

import org.jspecify.annotations.NullMarked;
