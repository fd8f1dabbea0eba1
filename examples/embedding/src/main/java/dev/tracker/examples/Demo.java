package dev.tracker.examples;

import dev.tracker.core.BlockedIssue;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueType;
import dev.tracker.core.NewIssue;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The README's first command: creates issues in a temporary workspace, links them, closes one and
 * prints what is ready, then deletes the workspace.
 */
public final class Demo {

  private Demo() {}

  /** Runs the demo in a temporary workspace. */
  public static void main(String[] args) throws IOException {
    Path workspace = Files.createTempDirectory("tracker-demo-");
    try {
      run(workspace, System.out);
    } finally {
      deleteRecursively(workspace);
    }
  }

  /** Runs the demo in the given workspace, printing to {@code out}. */
  public static void run(Path workspace, PrintStream out) throws IOException {
    TrackerConfig config = TrackerConfig.builder(workspace).prefix("demo").build();
    try (TrackerService tracker = TrackerService.embedded(config)) {
      out.println("Workspace: " + workspace);
      Issue schema = tracker.create(NewIssue.builder("Design the schema").priority(1).build());
      Issue store =
          tracker.create(NewIssue.builder("Write the store").type(IssueType.FEATURE).build());
      Issue docs =
          tracker.create(NewIssue.builder("Document the API").type(IssueType.CHORE).build());
      Issue release = tracker.create(NewIssue.builder("Release 0.1").priority(0).build());
      tracker.addDependency(store.id(), schema.id(), DependencyType.BLOCKS);
      tracker.addDependency(release.id(), store.id(), DependencyType.BLOCKS);
      tracker.addDependency(release.id(), docs.id(), DependencyType.BLOCKS);
      out.println("Created 4 issues; 'Release 0.1' waits on the store and the docs.");

      printReady(tracker, out);
      out.println();
      out.println("Closing " + schema.id() + " (" + schema.title() + ")");
      tracker.close(schema.id(), "Reviewed");
      printReady(tracker, out);

      out.println();
      out.println("Blocked:");
      for (BlockedIssue blocked : tracker.blocked()) {
        out.println(
            "  " + line(blocked.issue()) + "  waits on " + String.join(", ", blocked.blockedBy()));
      }

      Path file = tracker.exportJsonl().path();
      out.println();
      out.println("Exported " + workspace.relativize(file) + ":");
      Files.readAllLines(file).forEach(json -> out.println("  " + json));
    }
  }

  private static void printReady(TrackerService tracker, PrintStream out) {
    out.println("Ready:");
    tracker.ready().forEach(issue -> out.println("  " + line(issue)));
  }

  private static String line(Issue issue) {
    return issue.id() + "  P" + issue.priority() + "  " + issue.title();
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
