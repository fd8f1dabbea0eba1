package dev.tracker.benchmarks.store;

import dev.tracker.benchmarks.Dataset;
import dev.tracker.benchmarks.Workspace;
import dev.tracker.core.ImportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.Status;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import java.nio.file.Path;
import java.util.List;

/**
 * The 10K workspace the store benchmarks share: {@link Dataset#beads} with 10,000 issues and 20,000
 * dependencies, imported through the product into a new workspace, and an embedded service on it
 * with its engine open.
 */
final class TenK implements AutoCloseable {

  static final int ISSUES = 10_000;
  static final long SEED = 42;

  final Workspace workspace;
  final TrackerService tracker;
  final Path database;

  private TenK(Workspace workspace, TrackerService tracker) {
    this.workspace = workspace;
    this.tracker = tracker;
    this.database = tracker.config().databasePath();
  }

  static TenK open(TrackerConfig.Synchronous synchronous) {
    Workspace workspace = Workspace.create("10k");
    TrackerService tracker =
        TrackerService.embedded(workspace.builder().synchronous(synchronous).build());
    Path file = workspace.write("beads.jsonl", Dataset.beads(ISSUES, SEED));
    ImportResult result = tracker.importJsonl(file);
    if (result.created() != ISSUES) {
      throw new IllegalStateException("Expected " + ISSUES + " new issues, got " + result);
    }
    return new TenK(workspace, tracker);
  }

  /** Ids of {@code count} issues with status open, the oldest first. */
  List<String> openIds(int count) {
    List<Issue> open = tracker.list(IssueFilter.builder().status(Status.OPEN).limit(count).build());
    if (open.size() < count) {
      throw new IllegalStateException("Only " + open.size() + " open issues");
    }
    return open.stream().map(Issue::id).toList();
  }

  @Override
  public void close() {
    try {
      tracker.close();
    } finally {
      workspace.close();
    }
  }
}
