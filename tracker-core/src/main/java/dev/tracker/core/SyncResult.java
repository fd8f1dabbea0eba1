package dev.tracker.core;

import java.time.Duration;

/**
 * What one {@link TrackerService#sync()} did.
 *
 * @param exported issues written to {@code issues.jsonl}; 0 when it already held them
 * @param imported issues created or replaced in the database from the merged file
 * @param committed whether a commit was made (the file, or a merge)
 * @param pulled whether changes from the remote came in
 * @param pushed whether commits went out to the remote
 * @param conflicts issues changed on both sides and merged field by field
 * @param duration how long the sync took
 */
public record SyncResult(
    int exported,
    int imported,
    boolean committed,
    boolean pulled,
    boolean pushed,
    int conflicts,
    Duration duration) {}
