/**
 * Background work on one thread: periodic sync, the debounced export after mutations, the import
 * when {@code issues.jsonl} changes underneath, and the syncs, exports and imports clients ask for.
 * Internal.
 */
@NullMarked
package dev.tracker.daemon.internal.scheduler;

import org.jspecify.annotations.NullMarked;
