/** The {@code issues.jsonl} codec and atomic file writes. Internal: not part of the API. */
@NullMarked
package dev.tracker.core.internal.jsonl;

import org.jspecify.annotations.NullMarked;
