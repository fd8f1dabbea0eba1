/**
 * The daemon's protocol: JSON-RPC 2.0, one object per line, its methods, error codes and the wire
 * shape of every value. Shared by the daemon and the client. Internal: not part of the API.
 */
@NullMarked
package dev.tracker.core.internal.protocol;

import org.jspecify.annotations.NullMarked;
