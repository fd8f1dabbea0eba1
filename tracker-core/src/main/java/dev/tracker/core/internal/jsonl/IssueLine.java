package dev.tracker.core.internal.jsonl;

import dev.tracker.core.Issue;
import org.jspecify.annotations.Nullable;

/**
 * An issue and the text of the line it was read from, when that text is not what {@link JsonlCodec}
 * would write for the issue anew (another key order, timestamps with an offset, other escapes: a
 * file written by beads). The writer writes such a line back verbatim while the issue is unchanged,
 * and in its style once it changed.
 *
 * @param issue the issue
 * @param source the line as read, without its newline; {@code null} when the codec's own line for
 *     the issue is the same text
 */
public record IssueLine(Issue issue, @Nullable String source) {

  /** An issue with no line of its own: written as the codec writes a new one. */
  public static IssueLine of(Issue issue) {
    return new IssueLine(issue, null);
  }

  /** The issue's id. */
  public String id() {
    return issue.id();
  }
}
