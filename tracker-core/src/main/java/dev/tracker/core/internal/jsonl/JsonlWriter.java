package dev.tracker.core.internal.jsonl;

import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.Issue;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Writes issues as lines, keys in the order of the format, empty optional values left out. */
final class JsonlWriter {

  /**
   * UTF-8 byte order, which is code point order. {@link String#compareTo} compares UTF-16 units and
   * so puts characters above U+FFFF before U+E000..U+FFFF, unlike tools that sort the file's bytes.
   */
  static final Comparator<String> UTF8_ORDER =
      (a, b) -> {
        int i = 0;
        while (i < a.length() && i < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(i);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
        }
        return Integer.compare(a.length(), b.length());
      };

  private static final int TYPICAL_LINE_LENGTH = 600;

  private final JsonMapper mapper;

  JsonlWriter(JsonMapper mapper) {
    this.mapper = mapper;
  }

  byte[] write(List<Issue> issues) {
    List<Issue> sorted = new ArrayList<>(issues);
    sorted.sort(Comparator.comparing(Issue::id, UTF8_ORDER));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
        throw new IllegalArgumentException("duplicate issue id '" + sorted.get(i).id() + "'");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(sorted.size() * TYPICAL_LINE_LENGTH);
    try (JsonGenerator generator = mapper.createGenerator(out)) {
      for (Issue issue : sorted) {
        writeIssue(generator, issue);
        generator.writeRaw('\n');
      }
    }
    return out.toByteArray();
  }

  /** The issues as one JSON array of the objects of their lines, in the order given. */
  String array(List<Issue> issues) {
    StringWriter out = new StringWriter(issues.size() * TYPICAL_LINE_LENGTH + 2);
    try (JsonGenerator generator = mapper.createGenerator(out)) {
      generator.writeStartArray();
      for (Issue issue : issues) {
        writeIssue(generator, issue);
      }
      generator.writeEndArray();
    }
    return out.toString();
  }

  /** Each issue as its line, {@code \n} included, in the order given; ids are not checked. */
  List<byte[]> lines(List<Issue> issues) {
    List<byte[]> lines = new ArrayList<>(issues.size());
    ByteArrayOutputStream out = new ByteArrayOutputStream(TYPICAL_LINE_LENGTH);
    try (JsonGenerator generator = mapper.createGenerator(out)) {
      for (Issue issue : issues) {
        writeIssue(generator, issue);
        generator.writeRaw('\n');
        generator.flush();
        lines.add(out.toByteArray());
        out.reset();
      }
    }
    return lines;
  }

  private void writeIssue(JsonGenerator out, Issue issue) {
    out.writeStartObject();
    out.writeStringProperty("id", issue.id());
    out.writeStringProperty("title", issue.title());
    optional(out, "description", issue.description());
    optional(out, "design", issue.design());
    optional(out, "acceptance_criteria", issue.acceptanceCriteria());
    optional(out, "notes", issue.notes());
    out.writeStringProperty("status", issue.status().value());
    out.writeNumberProperty("priority", issue.priority());
    out.writeStringProperty("issue_type", issue.issueType().value());
    optional(out, "assignee", issue.assignee());
    optional(out, "owner", issue.owner());
    instant(out, "created_at", issue.createdAt());
    optional(out, "created_by", issue.createdBy());
    instant(out, "updated_at", issue.updatedAt());
    instant(out, "closed_at", issue.closedAt());
    optional(out, "close_reason", issue.closeReason());
    optional(out, "external_ref", issue.externalRef());
    if (!issue.labels().isEmpty()) {
      out.writeArrayPropertyStart("labels");
      for (String label : issue.labels()) {
        out.writeString(label);
      }
      out.writeEndArray();
    }
    if (!issue.dependencies().isEmpty()) {
      out.writeArrayPropertyStart("dependencies");
      for (Dependency dependency : issue.dependencies()) {
        writeDependency(out, dependency);
      }
      out.writeEndArray();
    }
    if (!issue.comments().isEmpty()) {
      out.writeArrayPropertyStart("comments");
      for (Comment comment : issue.comments()) {
        writeComment(out, comment);
      }
      out.writeEndArray();
    }
    instant(out, "deleted_at", issue.deletedAt());
    optional(out, "deleted_by", issue.deletedBy());
    optional(out, "delete_reason", issue.deleteReason());
    optional(out, "original_type", issue.originalType());
    extras(out, issue.extras(), Keys.ISSUE, issue.id());
    out.writeEndObject();
  }

  private void writeDependency(JsonGenerator out, Dependency dependency) {
    out.writeStartObject();
    out.writeStringProperty("issue_id", dependency.issueId());
    out.writeStringProperty("depends_on_id", dependency.dependsOnId());
    out.writeStringProperty("type", dependency.type().value());
    instant(out, "created_at", dependency.createdAt());
    optional(out, "created_by", dependency.createdBy());
    extras(out, dependency.extras(), Keys.DEPENDENCY, dependency.issueId());
    out.writeEndObject();
  }

  private void writeComment(JsonGenerator out, Comment comment) {
    out.writeStartObject();
    out.writeNumberProperty("id", comment.id());
    out.writeStringProperty("issue_id", comment.issueId());
    optional(out, "author", comment.author());
    out.writeStringProperty("text", comment.text());
    instant(out, "created_at", comment.createdAt());
    extras(out, comment.extras(), Keys.COMMENT, comment.issueId());
    out.writeEndObject();
  }

  private static void optional(JsonGenerator out, String key, String value) {
    if (!value.isEmpty()) {
      out.writeStringProperty(key, value);
    }
  }

  private static void instant(JsonGenerator out, String key, @Nullable Instant value) {
    if (value != null) {
      out.writeStringProperty(key, Timestamps.format(value));
    }
  }

  /** Extras are written raw, so each is checked: a bad one would make the whole file unreadable. */
  private void extras(JsonGenerator out, Map<String, String> extras, Set<String> known, String id) {
    for (Map.Entry<String, String> extra : extras.entrySet()) {
      if (known.contains(extra.getKey())) {
        throw new IllegalArgumentException(
            "issue '" + id + "': extra key '" + extra.getKey() + "' is a key of the format");
      }
      if (!isOneJsonValue(extra.getValue())) {
        throw new IllegalArgumentException(
            "issue '"
                + id
                + "': extra '"
                + extra.getKey()
                + "' is not one JSON value, was '"
                + extra.getValue()
                + "'");
      }
      out.writeName(extra.getKey());
      out.writeRawValue(extra.getValue());
    }
  }

  private boolean isOneJsonValue(String text) {
    try {
      return !mapper.readTree(text).isMissingNode();
    } catch (JacksonException e) {
      return false;
    }
  }
}
