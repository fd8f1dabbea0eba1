/**
 * JSON-RPC 2.0 requests and responses, and the dispatch of each method to the daemon's {@code
 * TrackerService}. Internal.
 */
@NullMarked
package dev.tracker.daemon.internal.rpc;

import org.jspecify.annotations.NullMarked;
