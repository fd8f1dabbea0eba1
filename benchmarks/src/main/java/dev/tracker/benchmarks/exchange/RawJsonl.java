package dev.tracker.benchmarks.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * The floors' JSONL: Jackson's streaming parser and generator called directly, and plain JDBC. What
 * a hand-written import or export of the same records needs at the least.
 */
final class RawJsonl {

  // the generator must not close the channel: it is forced after the last byte
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .rootValueSeparator((String) null)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private RawJsonl() {}

  /** Parses every line of the file into raw issues, with Jackson's streaming parser. */
  static List<RawIssue> parse(byte[] content) {
    List<RawIssue> issues = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), content)) {
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        issues.add(issue(parser));
      }
    }
    return issues;
  }

  private static RawIssue issue(JsonParser parser) {
    RawIssue issue = new RawIssue();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "id" -> issue.id = parser.getString();
        case "title" -> issue.title = parser.getString();
        case "description" -> issue.description = parser.getString();
        case "status" -> issue.status = parser.getString();
        case "priority" -> issue.priority = parser.getIntValue();
        case "issue_type" -> issue.issueType = parser.getString();
        case "assignee" -> issue.assignee = parser.getString();
        case "created_at" -> issue.createdAt = parser.getString();
        case "created_by" -> issue.createdBy = parser.getString();
        case "updated_at" -> issue.updatedAt = parser.getString();
        case "closed_at" -> issue.closedAt = parser.getString();
        case "close_reason" -> issue.closeReason = parser.getString();
        case "labels" -> {
          while (parser.nextToken() == JsonToken.VALUE_STRING) {
            issue.labels.add(parser.getString());
          }
        }
        case "dependencies" -> {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            issue.dependencies.add(dependency(parser));
          }
        }
        default -> {
          if (value.isStructStart()) {
            parser.skipChildren();
          }
        }
      }
    }
    return issue;
  }

  private static RawIssue.RawDependency dependency(JsonParser parser) {
    RawIssue.RawDependency dependency = new RawIssue.RawDependency();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "issue_id" -> dependency.issueId = parser.getString();
        case "depends_on_id" -> dependency.dependsOnId = parser.getString();
        case "type" -> dependency.type = parser.getString();
        case "created_at" -> dependency.createdAt = parser.getString();
        case "created_by" -> dependency.createdBy = parser.getString();
        default -> parser.skipChildren();
      }
    }
    return dependency;
  }

  /** Inserts the issues, their labels and dependencies with JDBC batches, in one transaction. */
  static void insert(Connection connection, List<RawIssue> issues) throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement issue =
            connection.prepareStatement(
                "INSERT INTO issues (id, title, description, design, acceptance_criteria, notes,"
                    + " status, priority, issue_type, assignee, owner, created_at, created_by,"
                    + " updated_at, closed_at, close_reason, external_ref, deleted_at, deleted_by,"
                    + " delete_reason, original_type, extra) VALUES (?, ?, ?, '', '', '', ?, ?, ?,"
                    + " ?, '', ?, ?, ?, ?, ?, '', NULL, '', '', '', NULL)");
        PreparedStatement label =
            connection.prepareStatement("INSERT INTO labels (issue_id, label) VALUES (?, ?)");
        PreparedStatement dependency =
            connection.prepareStatement(
                "INSERT INTO dependencies (issue_id, depends_on_id, type, created_at, created_by,"
                    + " extra) VALUES (?, ?, ?, ?, ?, NULL)")) {
      for (RawIssue raw : issues) {
        issue.setString(1, raw.id);
        issue.setString(2, raw.title);
        issue.setString(3, raw.description);
        issue.setString(4, raw.status);
        issue.setInt(5, raw.priority);
        issue.setString(6, raw.issueType);
        issue.setString(7, raw.assignee);
        issue.setString(8, raw.createdAt);
        issue.setString(9, raw.createdBy);
        issue.setString(10, raw.updatedAt);
        issue.setString(11, raw.closedAt.isEmpty() ? null : raw.closedAt);
        issue.setString(12, raw.closeReason);
        issue.addBatch();
        for (String name : raw.labels) {
          label.setString(1, raw.id);
          label.setString(2, name);
          label.addBatch();
        }
        for (RawIssue.RawDependency link : raw.dependencies) {
          dependency.setString(1, link.issueId);
          dependency.setString(2, link.dependsOnId);
          dependency.setString(3, link.type);
          dependency.setString(4, link.createdAt);
          dependency.setString(5, link.createdBy);
          dependency.addBatch();
        }
      }
      issue.executeBatch();
      label.executeBatch();
      dependency.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * Writes the issues, one line each, keys in the format's order, empty values left out, to a
   * temporary file beside {@code target} that is fsynced and renamed over it: the durability the
   * product's export has.
   */
  static void write(List<RawIssue> issues, Path target) {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = Channels.newOutputStream(channel);
      try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
        for (RawIssue issue : issues) {
          write(json, issue);
          json.writeRaw('\n');
        }
      }
      channel.force(true);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(JsonGenerator json, RawIssue issue) {
    json.writeStartObject();
    json.writeStringProperty("id", issue.id);
    json.writeStringProperty("title", issue.title);
    optional(json, "description", issue.description);
    json.writeStringProperty("status", issue.status);
    json.writeNumberProperty("priority", issue.priority);
    json.writeStringProperty("issue_type", issue.issueType);
    optional(json, "assignee", issue.assignee);
    json.writeStringProperty("created_at", issue.createdAt);
    optional(json, "created_by", issue.createdBy);
    json.writeStringProperty("updated_at", issue.updatedAt);
    optional(json, "closed_at", issue.closedAt);
    optional(json, "close_reason", issue.closeReason);
    if (!issue.labels.isEmpty()) {
      json.writeArrayPropertyStart("labels");
      for (String label : issue.labels) {
        json.writeString(label);
      }
      json.writeEndArray();
    }
    if (!issue.dependencies.isEmpty()) {
      json.writeArrayPropertyStart("dependencies");
      for (RawIssue.RawDependency link : issue.dependencies) {
        json.writeStartObject();
        json.writeStringProperty("issue_id", link.issueId);
        json.writeStringProperty("depends_on_id", link.dependsOnId);
        json.writeStringProperty("type", link.type);
        json.writeStringProperty("created_at", link.createdAt);
        optional(json, "created_by", link.createdBy);
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void optional(JsonGenerator json, String key, String value) {
    if (!value.isEmpty()) {
      json.writeStringProperty(key, value);
    }
  }
}
