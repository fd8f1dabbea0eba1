package dev.tracker.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an issue's history, as recorded by this machine. History is local: it is not part of
 * {@code issues.jsonl}, so it never conflicts in git.
 *
 * @param id increasing in the order the events happened
 * @param issueId the issue
 * @param type what happened
 * @param actor who did it
 * @param oldValue the value before, where one applies
 * @param newValue the value after, where one applies
 * @param createdAt when
 */
public record Event(
    long id,
    String issueId,
    Type type,
    String actor,
    @Nullable String oldValue,
    @Nullable String newValue,
    Instant createdAt) {

  /** What happened to an issue. */
  public enum Type {
    /** Created through this library. */
    CREATED,
    /** Created or replaced by an import. */
    IMPORTED,
    /** A field changed; {@code oldValue} and {@code newValue} are {@code field=value}. */
    UPDATED,
    /** Closed; {@code newValue} is the reason. */
    CLOSED,
    /** Reopened. */
    REOPENED,
    /** Deleted (made a tombstone); {@code newValue} is the reason. */
    DELETED,
    /** A label was added; {@code newValue} is the label. */
    LABEL_ADDED,
    /** A label was removed; {@code oldValue} is the label. */
    LABEL_REMOVED,
    /** A dependency was added; {@code newValue} is {@code type:target}. */
    DEPENDENCY_ADDED,
    /** A dependency was removed; {@code oldValue} is {@code type:target}. */
    DEPENDENCY_REMOVED,
    /** A comment was added; {@code newValue} is its id. */
    COMMENTED
  }
}
