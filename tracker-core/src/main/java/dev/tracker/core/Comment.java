package dev.tracker.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/**
 * A comment on an issue.
 *
 * @param id the comment's number, unique within its issue
 * @param issueId the issue commented on
 * @param author who wrote it, or empty
 * @param text what was written
 * @param createdAt when
 * @param extras keys this library does not know, as read: key to raw JSON value
 */
public record Comment(
    long id,
    String issueId,
    String author,
    String text,
    Instant createdAt,
    Map<String, String> extras) {

  /** The order of comments within an issue: oldest first. */
  public static final Comparator<Comment> ORDER =
      Comparator.comparing(Comment::createdAt).thenComparingLong(Comment::id);

  /** Creates a comment; {@code extras} is copied. */
  public Comment {
    extras = Checks.sortedCopy(extras);
  }
}
