/**
 * Benchmarks of tracker, each beside its raw floor: what the same work costs when written directly
 * against sqlite-jdbc, Jackson or a socket. Shared pieces: the beads-shaped {@link
 * dev.tracker.benchmarks.Dataset}, temporary {@link dev.tracker.benchmarks.Workspace}s and the
 * {@link dev.tracker.benchmarks.RawSqlite} connection the floors use.
 */
@NullMarked
package dev.tracker.benchmarks;

import org.jspecify.annotations.NullMarked;
