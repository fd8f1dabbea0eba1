/**
 * The embedded store on a 10K-issue workspace: writes (create, update, close, bulk close), reads
 * (ready, blocked, text search) and the cycle check, each beside the same work done with plain
 * sqlite-jdbc on the same database file.
 */
@NullMarked
package dev.tracker.benchmarks.store;

import org.jspecify.annotations.NullMarked;
