/**
 * Sync with git: the JGit repository of a workspace, and the issue-by-issue merge of two versions
 * of {@code issues.jsonl}. Internal: not part of the API.
 */
@NullMarked
package dev.tracker.core.internal.sync;

import org.jspecify.annotations.NullMarked;
