package dev.tracker.examples;

import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueType;
import dev.tracker.core.NewIssue;
import dev.tracker.core.TrackerService;
import java.nio.file.Path;
import java.util.List;

/** The example the README shows: embed a tracker in an application. */
public final class EmbeddingExample {

  private EmbeddingExample() {}

  /** Plans two pieces of work in the workspace, finishes one, and returns what is ready next. */
  public static List<Issue> planAndFinish(Path workspace) {
    // tag::embedding[]
    try (TrackerService tracker = TrackerService.open(workspace)) {
      Issue schema = tracker.create(NewIssue.builder("Design the schema").priority(1).build());
      Issue store =
          tracker.create(NewIssue.builder("Write the store").type(IssueType.FEATURE).build());
      tracker.addDependency(store.id(), schema.id(), DependencyType.BLOCKS);

      tracker.close(schema.id(), "Reviewed");
      List<Issue> ready = tracker.ready(); // [Write the store]
      tracker.exportJsonl(); // .tracker/issues.jsonl, ready for git
      return ready;
    }
    // end::embedding[]
  }
}
