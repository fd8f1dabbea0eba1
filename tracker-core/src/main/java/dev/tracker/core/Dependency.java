package dev.tracker.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/**
 * A link from one issue to another. For {@link DependencyType#PARENT_CHILD} the link points from
 * the child to the parent.
 *
 * @param issueId the issue that depends
 * @param dependsOnId the issue it depends on
 * @param type the kind of link
 * @param createdAt when the link was made
 * @param createdBy who made it, or empty
 * @param extras keys this library does not know, as read: key to raw JSON value
 */
public record Dependency(
    String issueId,
    String dependsOnId,
    DependencyType type,
    Instant createdAt,
    String createdBy,
    Map<String, String> extras) {

  /**
   * The order of dependencies within an issue, the one beads writes them in: oldest first, then by
   * target, then type.
   */
  public static final Comparator<Dependency> ORDER =
      Comparator.comparing(Dependency::createdAt)
          .thenComparing(Dependency::dependsOnId)
          .thenComparing(dependency -> dependency.type().value());

  /** Creates a dependency; {@code extras} is copied. */
  public Dependency {
    extras = Checks.sortedCopy(extras);
  }
}
