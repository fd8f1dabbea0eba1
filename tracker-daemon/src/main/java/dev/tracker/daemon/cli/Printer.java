package dev.tracker.daemon.cli;

import dev.tracker.core.BlockedIssue;
import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.Stats;
import dev.tracker.core.Status;
import dev.tracker.core.SyncResult;
import dev.tracker.core.internal.protocol.Wire;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints results for people, or with {@code --json} in the protocol's shapes (issues as their
 * {@code issues.jsonl} lines), one JSON value per command.
 */
final class Printer {

  private final PrintWriter out;
  private final boolean json;

  Printer(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** A confirmation for people; nothing in JSON mode, where the value printed says it all. */
  void note(String text) {
    if (!json) {
      out.println(text);
    }
  }

  void issue(Issue issue, String humanPrefix) {
    if (json) {
      print(Wire.issue(issue));
    } else {
      out.println(humanPrefix + line(issue));
    }
  }

  /** Issues a command changed: in JSON the list, for people one line each. */
  void issuesOrNotes(List<Issue> issues, String humanPrefix) {
    if (json) {
      print(issues.size() == 1 ? Wire.issue(issues.get(0)) : Wire.issues(issues));
    } else {
      issues.forEach(issue -> out.println(humanPrefix + line(issue)));
    }
  }

  void details(List<Issue> issues) {
    if (json) {
      print(issues.size() == 1 ? Wire.issue(issues.get(0)) : Wire.issues(issues));
      return;
    }
    for (Issue issue : issues) {
      out.println(issue.id() + "  " + issue.title());
      field("status", issue.status().value());
      field("priority", "P" + issue.priority());
      field("type", issue.issueType().value());
      field("assignee", issue.assignee());
      field("labels", String.join(", ", issue.labels()));
      for (Dependency dependency : issue.dependencies()) {
        field(dependency.type().value(), dependency.dependsOnId());
      }
      field("created", issue.createdAt() + " by " + issue.createdBy());
      field("updated", issue.updatedAt().toString());
      if (issue.closedAt() != null) {
        field("closed", issue.closedAt() + " " + issue.closeReason());
      }
      if (!issue.description().isEmpty()) {
        out.println();
        issue.description().lines().forEach(text -> out.println("  " + text));
      }
      for (Comment comment : issue.comments()) {
        out.println();
        out.println("  #" + comment.id() + " " + comment.author() + " at " + comment.createdAt());
        comment.text().lines().forEach(text -> out.println("    " + text));
      }
      out.println();
    }
  }

  void issues(List<Issue> issues) {
    if (json) {
      print(Wire.issues(issues));
      return;
    }
    issues.forEach(issue -> out.println(line(issue)));
    if (issues.isEmpty()) {
      out.println("(none)");
    }
  }

  void blocked(List<BlockedIssue> blocked) {
    if (json) {
      print(Wire.blocked(blocked));
      return;
    }
    for (BlockedIssue entry : blocked) {
      out.println(line(entry.issue()) + "  <- " + String.join(", ", entry.blockedBy()));
    }
    if (blocked.isEmpty()) {
      out.println("(none)");
    }
  }

  void stats(Stats stats) {
    if (json) {
      print(Wire.stats(stats));
      return;
    }
    out.println("total    " + stats.total());
    Map<String, Integer> byStatus = new TreeMap<>();
    stats.byStatus().forEach((status, count) -> byStatus.put(status.value(), count));
    byStatus.forEach((status, count) -> out.println(String.format("%-8s %d", status, count)));
    out.println("ready    " + stats.ready());
    out.println("blocked  " + stats.blocked());
  }

  void comment(Comment comment) {
    if (json) {
      print(Wire.comment(comment));
    } else {
      out.println("Commented on " + comment.issueId() + " (#" + comment.id() + ")");
    }
  }

  void exported(ExportResult result) {
    if (json) {
      print(Wire.export(result));
    } else {
      out.println(
          (result.changed() ? "Exported " : "Unchanged: ")
              + result.issues()
              + " issues to "
              + result.path());
    }
  }

  void imported(ImportResult result) {
    if (json) {
      print(Wire.imported(result));
    } else {
      out.println(
          "Imported "
              + result.path()
              + ": "
              + result.created()
              + " created, "
              + result.updated()
              + " updated, "
              + result.unchanged()
              + " unchanged, "
              + result.skipped()
              + " kept (newer here)"
              + (result.removed() == 0 ? "" : ", " + result.removed() + " removed"));
    }
  }

  void synced(SyncResult result) {
    if (json) {
      print(Wire.sync(result));
      return;
    }
    out.println(
        "Synced in "
            + result.duration().toMillis()
            + " ms: "
            + (result.exported() > 0 ? "exported, " : "")
            + (result.committed() ? "committed, " : "")
            + (result.pulled() ? "pulled (" + result.imported() + " imported), " : "")
            + (result.pushed() ? "pushed, " : "")
            + (result.conflicts() > 0 ? result.conflicts() + " merged on both sides, " : "")
            + "done");
  }

  void value(ObjectNode node, String human) {
    if (json) {
      print(node);
    } else {
      out.println(human);
    }
  }

  private void field(String name, String value) {
    if (!value.isEmpty()) {
      out.println(String.format("  %-10s %s", name, value));
    }
  }

  static String line(Issue issue) {
    String status = issue.status().equals(Status.OPEN) ? "" : " [" + issue.status() + "]";
    String assignee = issue.assignee().isEmpty() ? "" : " @" + issue.assignee();
    String labels = issue.labels().isEmpty() ? "" : " #" + String.join(" #", issue.labels());
    return issue.id()
        + "  P"
        + issue.priority()
        + "  "
        + issue.issueType()
        + status
        + "  "
        + issue.title()
        + assignee
        + labels;
  }

  private void print(JsonNode node) {
    out.println(Wire.JSON.writeValueAsString(node));
  }
}
