/**
 * {@code issues.jsonl} in and out: the import of 10K beads-shaped issues beside a raw JDBC batch
 * insert of the same records, and the export of 100K issues beside a raw Jackson streaming write of
 * the same records, then an export with nothing changed.
 */
@NullMarked
package dev.tracker.benchmarks.exchange;

import org.jspecify.annotations.NullMarked;
