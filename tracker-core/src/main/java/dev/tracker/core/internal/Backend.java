package dev.tracker.core.internal;

import dev.tracker.core.BlockedIssue;
import dev.tracker.core.Comment;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Event;
import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Stats;
import dev.tracker.core.SyncResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link dev.tracker.core.TrackerService} delegates to: the database in this process ({@code
 * LocalBackend}), or a daemon ({@code RemoteBackend}). The facade checks arguments and its own
 * lifecycle first; a backend receives valid input and is never called after {@link #close()}.
 */
public interface Backend extends AutoCloseable {

  Issue create(NewIssue issue);

  Optional<Issue> find(String id);

  List<Issue> list(IssueFilter filter);

  Issue update(String id, IssueUpdate update);

  Issue close(String id, String reason);

  Issue reopen(String id);

  Issue delete(String id, String reason);

  List<Issue> ready(IssueFilter filter);

  List<BlockedIssue> blocked();

  Issue addDependency(String issueId, String dependsOnId, DependencyType type);

  Issue removeDependency(String issueId, String dependsOnId, DependencyType type);

  Issue addLabel(String issueId, String label);

  Issue removeLabel(String issueId, String label);

  Comment addComment(String issueId, String text);

  List<Event> history(String issueId);

  Stats stats();

  ExportResult exportJsonl();

  ImportResult importJsonl(Path file);

  SyncResult sync();

  /** How the backend works, for the leak report: {@code embedded}, or through which daemon. */
  default String mode() {
    return "embedded";
  }

  /** The database pool open at the moment, if any: what the testkit's leak check looks at. */
  default Optional<Tracking.Pool> pool() {
    return Optional.empty();
  }

  /** Releases everything the backend created, waiting for it; called once. */
  @Override
  void close();
}
