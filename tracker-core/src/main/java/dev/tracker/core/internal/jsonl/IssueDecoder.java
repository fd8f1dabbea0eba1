package dev.tracker.core.internal.jsonl;

import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueType;
import dev.tracker.core.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Turns the object of one line into an {@link Issue}, applying the defaults of the format. */
final class IssueDecoder {

  private static final int DEFAULT_PRIORITY = 2;

  private IssueDecoder() {}

  static Issue decode(FieldReader fields, Instant now) {
    String id = fields.requiredString("id");
    if (id.isBlank()) {
      throw fields.error("id must not be blank, was " + FieldReader.quote(id));
    }
    // beads wrote "type" before it wrote "issue_type"; when both are there, "type" is not ours
    boolean typeAlias = !fields.has("issue_type");
    IssueType issueType =
        fields.token(typeAlias ? "type" : "issue_type", IssueType::of, IssueType.TASK);
    Instant createdAt = fields.instant("created_at", now);
    return new Issue(
        id,
        fields.requiredString("title"),
        fields.string("description", ""),
        fields.string("design", ""),
        fields.string("acceptance_criteria", ""),
        fields.string("notes", ""),
        fields.token("status", Status::of, Status.OPEN),
        fields.intValue("priority", DEFAULT_PRIORITY),
        issueType,
        fields.string("assignee", ""),
        fields.string("owner", ""),
        createdAt,
        fields.string("created_by", ""),
        fields.instant("updated_at", createdAt),
        fields.instant("closed_at"),
        fields.string("close_reason", ""),
        fields.string("external_ref", ""),
        fields.strings("labels"),
        dependencies(fields, id, createdAt),
        comments(fields, id, createdAt),
        fields.instant("deleted_at"),
        fields.string("deleted_by", ""),
        fields.string("delete_reason", ""),
        fields.string("original_type", ""),
        fields.extras(typeAlias ? Keys.ISSUE_WITH_TYPE_ALIAS : Keys.ISSUE));
  }

  private static List<Dependency> dependencies(FieldReader issue, String id, Instant createdAt) {
    List<Dependency> dependencies = new ArrayList<>();
    // the store keys dependencies by (issue, target, type): a repeat would fail the import later
    Map<String, String> seen = new HashMap<>();
    for (FieldReader fields : issue.objects("dependencies")) {
      requireLineId(fields, id);
      String dependsOnId = fields.requiredString("depends_on_id");
      DependencyType type = fields.requiredToken("type", DependencyType::of);
      String earlier = seen.putIfAbsent(dependsOnId + '\0' + type.value(), fields.path());
      if (earlier != null) {
        throw fields.error(
            fields.path()
                + " repeats depends_on_id "
                + FieldReader.quote(dependsOnId)
                + " with type "
                + FieldReader.quote(type.value())
                + " of "
                + earlier);
      }
      dependencies.add(
          new Dependency(
              id,
              dependsOnId,
              type,
              fields.instant("created_at", createdAt),
              fields.string("created_by", ""),
              fields.extras(Keys.DEPENDENCY)));
    }
    return dependencies;
  }

  private static List<Comment> comments(FieldReader issue, String id, Instant createdAt) {
    List<FieldReader> objects = issue.objects("comments");
    List<OptionalLong> ids = new ArrayList<>(objects.size());
    Map<Long, String> seen = new HashMap<>();
    long largest = 0;
    for (FieldReader fields : objects) {
      OptionalLong commentId = fields.longValue("id");
      if (commentId.isPresent()) {
        String earlier = seen.putIfAbsent(commentId.getAsLong(), fields.path());
        if (earlier != null) {
          throw fields.error(
              fields.name("id") + " " + commentId.getAsLong() + " is already used by " + earlier);
        }
        largest = Math.max(largest, commentId.getAsLong());
      }
      ids.add(commentId);
    }
    // ids missing from the file are numbered after the largest one present, so none collides
    List<Comment> comments = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      FieldReader fields = objects.get(i);
      requireLineId(fields, id);
      comments.add(
          new Comment(
              ids.get(i).isPresent() ? ids.get(i).getAsLong() : ++largest,
              id,
              fields.string("author", ""),
              fields.requiredString("text"),
              fields.instant("created_at", createdAt),
              fields.extras(Keys.COMMENT)));
    }
    return comments;
  }

  /** A dependency or comment may repeat the id of its line, but not name another issue. */
  private static void requireLineId(FieldReader fields, String id) {
    String issueId = fields.string("issue_id", id);
    if (!issueId.equals(id)) {
      throw fields.error(
          fields.name("issue_id")
              + " must be the id of its line "
              + FieldReader.quote(id)
              + ", was "
              + FieldReader.quote(issueId));
    }
  }
}
