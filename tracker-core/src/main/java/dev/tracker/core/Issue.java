package dev.tracker.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An issue, as stored and as written to one line of {@code issues.jsonl}. Absent optional text is
 * the empty string. Labels are sorted, dependencies are in {@link Dependency#ORDER}, comments in
 * {@link Comment#ORDER}: two issues with the same content are equal.
 *
 * @param id {@code <prefix>-<hash>} for issues created here; any shape for imported ones
 * @param title one line that says what it is about
 * @param description free text
 * @param design free text
 * @param acceptanceCriteria free text
 * @param notes free text
 * @param status where it stands
 * @param priority 0 (highest) to 4 for issues created here; kept as read on import
 * @param issueType what kind of issue
 * @param assignee who works on it
 * @param owner who is answerable for it
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param updatedAt when it last changed
 * @param closedAt when it was closed, if it is
 * @param closeReason why it was closed
 * @param externalRef a reference to another system
 * @param labels its labels
 * @param dependencies its links to other issues
 * @param comments its comments
 * @param deletedAt when it was deleted, if it is a tombstone
 * @param deletedBy who deleted it
 * @param deleteReason why
 * @param originalType its type before deletion
 * @param extras keys this library does not know, as read: key to raw JSON value
 */
public record Issue(
    String id,
    String title,
    String description,
    String design,
    String acceptanceCriteria,
    String notes,
    Status status,
    int priority,
    IssueType issueType,
    String assignee,
    String owner,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    @Nullable Instant closedAt,
    String closeReason,
    String externalRef,
    List<String> labels,
    List<Dependency> dependencies,
    List<Comment> comments,
    @Nullable Instant deletedAt,
    String deletedBy,
    String deleteReason,
    String originalType,
    Map<String, String> extras) {

  /** Creates an issue; the collections are copied into their canonical order. */
  public Issue {
    labels = labels.stream().distinct().sorted().toList();
    dependencies = dependencies.stream().sorted(Dependency.ORDER).toList();
    comments = comments.stream().sorted(Comment.ORDER).toList();
    extras = Checks.sortedCopy(extras);
  }

  /** Whether this issue was deleted and is kept only as a tombstone. */
  public boolean isTombstone() {
    return status.equals(Status.TOMBSTONE) || deletedAt != null;
  }

  /** The ids of the issues this one depends on with the given link type. */
  public List<String> dependsOn(DependencyType type) {
    return dependencies.stream()
        .filter(dependency -> dependency.type().equals(type))
        .map(Dependency::dependsOnId)
        .toList();
  }
}
