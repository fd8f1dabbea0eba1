/**
 * The daemon's protocol: a {@code health} round trip through the reused client beside a raw
 * Unix-socket echo of the same bytes, and throughput with 1, 4 and 8 clients.
 */
@NullMarked
package dev.tracker.benchmarks.rpc;

import org.jspecify.annotations.NullMarked;
