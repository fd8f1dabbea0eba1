package dev.tracker.core.internal.jsonl;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The keys this library knows at each level of a line; any other key is kept as an extra. */
final class Keys {

  static final Set<String> ISSUE =
      Set.of(
          "id",
          "title",
          "description",
          "design",
          "acceptance_criteria",
          "notes",
          "status",
          "priority",
          "issue_type",
          "assignee",
          "owner",
          "created_at",
          "created_by",
          "updated_at",
          "closed_at",
          "close_reason",
          "external_ref",
          "labels",
          "dependencies",
          "comments",
          "deleted_at",
          "deleted_by",
          "delete_reason",
          "original_type");

  /** Issue keys when {@code type} stands in for a missing {@code issue_type}. */
  static final Set<String> ISSUE_WITH_TYPE_ALIAS = union(ISSUE, "type");

  static final Set<String> DEPENDENCY =
      Set.of("issue_id", "depends_on_id", "type", "created_at", "created_by");

  static final Set<String> COMMENT = Set.of("id", "issue_id", "author", "text", "created_at");

  private Keys() {}

  private static Set<String> union(Set<String> keys, String key) {
    return Stream.concat(keys.stream(), Stream.of(key)).collect(Collectors.toUnmodifiableSet());
  }
}
