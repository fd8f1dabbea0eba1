package dev.tracker.core;

import java.util.List;

/**
 * An issue that cannot start yet, with what holds it up.
 *
 * @param issue the blocked issue
 * @param blockedBy the ids of its open blockers, sorted
 */
public record BlockedIssue(Issue issue, List<String> blockedBy) {

  /** Creates the pair; {@code blockedBy} is copied in sorted order. */
  public BlockedIssue {
    blockedBy = blockedBy.stream().sorted().toList();
  }
}
