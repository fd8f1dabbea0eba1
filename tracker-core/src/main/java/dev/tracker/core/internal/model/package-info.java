/**
 * What each {@link dev.tracker.core.IssueField} is behind its public face: the kind of its value
 * (how it is read from and written to JSON, stored in a column, compared), its default, whether
 * callers may set it and how a merge treats it. Every layer that maps an issue's fields (the JSONL
 * codec, the rows, the wire, the merge) loops over {@link dev.tracker.core.internal.model.Schema}.
 * Internal: not part of the API.
 */
@NullMarked
package dev.tracker.core.internal.model;

import org.jspecify.annotations.NullMarked;
