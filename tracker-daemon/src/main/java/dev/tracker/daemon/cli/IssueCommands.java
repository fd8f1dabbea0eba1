package dev.tracker.daemon.cli;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueType;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Status;
import dev.tracker.core.TrackerService;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands on issues themselves. */
final class IssueCommands {

  private IssueCommands() {}

  @Command(
      name = "create",
      description = "Create an issue; prints it.",
      footer = {
        "",
        "Examples:",
        "  tracker create \"Crash on start\" -t bug -p 0 -l ui",
        "  tracker --json create \"Write the docs\" -d \"for 1.0\" -a ada"
      })
  static final class Create extends Subcommand {
    @Parameters(paramLabel = "TITLE")
    String title = "";

    @Option(names = "-t", paramLabel = "TYPE", description = "bug, feature, task, epic, chore...")
    @Nullable String type;

    @Option(names = "-p", paramLabel = "N", description = "Priority, 0 (highest) to 4.")
    @Nullable Integer priority;

    @Option(names = "-d", paramLabel = "TEXT", description = "Description.")
    @Nullable String description;

    @Option(names = "-a", paramLabel = "WHO", description = "Assignee.")
    @Nullable String assignee;

    @Option(names = "-l", paramLabel = "LABEL", description = "A label; repeat for more.")
    List<String> labels = new ArrayList<>();

    @Override
    void run(TrackerService tracker, Printer printer) {
      NewIssue.Builder issue = NewIssue.builder(title);
      if (type != null) {
        issue.type(IssueType.of(type));
      }
      if (priority != null) {
        issue.priority(priority);
      }
      if (description != null) {
        issue.description(description);
      }
      if (assignee != null) {
        issue.assignee(assignee);
      }
      issue.label(labels.toArray(String[]::new));
      printer.issue(tracker.create(issue.build()), "Created ");
    }
  }

  @Command(
      name = "show",
      description = "Show issues in full.",
      footer = {"", "Examples:", "  tracker show tr-a1b2", "  tracker --json show tr-a1b2 tr-c3d4"})
  static final class Show extends Subcommand {
    @Parameters(paramLabel = "ID", arity = "1..*")
    List<String> ids = new ArrayList<>();

    @Override
    void run(TrackerService tracker, Printer printer) {
      printer.details(ids.stream().map(tracker::get).toList());
    }
  }

  @Command(
      name = "list",
      description = "List issues; open ones unless told otherwise.",
      footer = {
        "",
        "Examples:",
        "  tracker list --status in_progress --label ui",
        "  tracker --json list --all"
      })
  static final class ListIssues extends Subcommand {
    @Option(names = "--status", paramLabel = "S", description = "Only this status; repeatable.")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--type", paramLabel = "T", description = "Only this type; repeatable.")
    List<String> types = new ArrayList<>();

    @Option(names = "--priority", paramLabel = "N")
    @Nullable Integer priority;

    @Option(names = "--assignee", paramLabel = "A")
    @Nullable String assignee;

    @Option(names = "--label", paramLabel = "L", description = "Has this label; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--search", paramLabel = "TEXT", description = "In title, description, id.")
    @Nullable String search;

    @Option(names = "--all", description = "Closed issues too.")
    boolean all;

    @Override
    void run(TrackerService tracker, Printer printer) {
      IssueFilter.Builder filter = IssueFilter.builder();
      statuses.forEach(status -> filter.status(Status.of(status)));
      types.forEach(type -> filter.type(IssueType.of(type)));
      if (priority != null) {
        filter.priority(priority);
      }
      if (assignee != null) {
        filter.assignee(assignee);
      }
      filter.label(labels.toArray(String[]::new));
      if (search != null) {
        filter.text(search);
      }
      List<Issue> issues = tracker.list(filter.build());
      boolean onlyOpenWork = statuses.isEmpty() && !all;
      printer.issues(
          onlyOpenWork
              ? issues.stream().filter(issue -> !issue.status().isDone()).toList()
              : issues);
    }
  }

  @Command(
      name = "update",
      description = "Change fields of an issue.",
      footer = {
        "",
        "Examples:",
        "  tracker update tr-a1b2 --status in_progress --assignee ada",
        "  tracker update tr-a1b2 --title \"Crash on start with an empty config\""
      })
  static final class Update extends Subcommand {
    @Parameters(paramLabel = "ID")
    String id = "";

    @Option(names = "--status", paramLabel = "S")
    @Nullable String status;

    @Option(names = "--title", paramLabel = "T")
    @Nullable String title;

    @Option(names = "--priority", paramLabel = "N")
    @Nullable Integer priority;

    @Option(names = "--assignee", paramLabel = "A")
    @Nullable String assignee;

    @Option(names = "--description", paramLabel = "D")
    @Nullable String description;

    @Override
    void run(TrackerService tracker, Printer printer) {
      IssueUpdate.Builder update = IssueUpdate.builder();
      if (status != null) {
        update.status(Status.of(status));
      }
      if (title != null) {
        update.title(title);
      }
      if (priority != null) {
        update.priority(priority);
      }
      if (assignee != null) {
        update.assignee(assignee);
      }
      if (description != null) {
        update.description(description);
      }
      printer.issue(tracker.update(id, update.build()), "Updated ");
    }
  }

  @Command(
      name = "close",
      description = "Close issues; all of them, or none when an id names no issue.",
      footer = {"", "Examples:", "  tracker close tr-a1b2 tr-c3d4 --reason \"fixed in 1.2\""})
  static final class Close extends Subcommand {
    @Parameters(paramLabel = "ID", arity = "1..*")
    List<String> ids = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "R")
    String reason = "";

    @Override
    void run(TrackerService tracker, Printer printer) {
      requireAll(tracker, ids);
      printer.issuesOrNotes(ids.stream().map(id -> tracker.close(id, reason)).toList(), "Closed ");
    }
  }

  @Command(name = "reopen", description = "Open closed issues again.")
  static final class Reopen extends Subcommand {
    @Parameters(paramLabel = "ID", arity = "1..*")
    List<String> ids = new ArrayList<>();

    @Override
    void run(TrackerService tracker, Printer printer) {
      requireAll(tracker, ids);
      printer.issuesOrNotes(ids.stream().map(tracker::reopen).toList(), "Reopened ");
    }
  }

  @Command(name = "delete", description = "Delete issues (they stay as tombstones).")
  static final class Delete extends Subcommand {
    @Parameters(paramLabel = "ID", arity = "1..*")
    List<String> ids = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "R")
    String reason = "";

    @Override
    void run(TrackerService tracker, Printer printer) {
      requireAll(tracker, ids);
      printer.issuesOrNotes(
          ids.stream().map(id -> tracker.delete(id, reason)).toList(), "Deleted ");
    }
  }

  @Command(
      name = "ready",
      description = "Open issues with no open blocker.",
      footer = {"", "Examples:", "  tracker ready", "  tracker --json ready"})
  static final class Ready extends Subcommand {
    @Override
    void run(TrackerService tracker, Printer printer) {
      printer.issues(tracker.ready());
    }
  }

  @Command(name = "blocked", description = "Issues waiting on open blockers.")
  static final class Blocked extends Subcommand {
    @Override
    void run(TrackerService tracker, Printer printer) {
      printer.blocked(tracker.blocked());
    }
  }

  @Command(name = "stats", description = "Counts.")
  static final class StatsCommand extends Subcommand {
    @Override
    void run(TrackerService tracker, Printer printer) {
      printer.stats(tracker.stats());
    }
  }
}
