package dev.tracker.core;

import dev.tracker.core.internal.Backend;
import dev.tracker.core.internal.Tracking;
import dev.tracker.core.internal.client.RemoteBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The issue tracker of one workspace: the one entry point of the library. Thread-safe; create one
 * per workspace and share it.
 *
 * <pre>{@code
 * try (TrackerService tracker = TrackerService.open(Path.of("."))) {
 *   Issue design = tracker.create(NewIssue.of("Design the schema"));
 *   Issue build = tracker.create(NewIssue.of("Build the store"));
 *   tracker.addDependency(build.id(), design.id(), DependencyType.BLOCKS);
 *   tracker.ready();            // [design]
 *   tracker.close(design.id(), "done");
 *   tracker.ready();            // [build]
 * }
 * }</pre>
 *
 * <p>A tracker works in this process ({@link #embedded}) or through the workspace's daemon ({@link
 * #connect}); {@link #open} picks. Both behave alike, down to the exceptions.
 *
 * <p>Nothing is opened by the factories but {@code open}'s probe. The database engine (one pool,
 * one jOOQ context), or the daemon's connections, are created by the first call and reused. {@link
 * #close()} releases everything in reverse order of creation and waits for it; it is idempotent,
 * waits for calls in flight, and afterwards every call throws {@link IllegalStateException}.
 *
 * <p>Mutations return the issue as stored afterwards. Asking for what already holds (closing a
 * closed issue, adding a label it has) changes nothing and returns the issue.
 */
public final class TrackerService implements AutoCloseable {

  private final TrackerConfig config;
  private final Backend backend;
  // Calls share the read lock; close() takes the write lock, so it waits for calls in flight.
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final Tracking.Handle tracking;
  private boolean closed;

  private TrackerService(TrackerConfig config, Backend backend) {
    this.config = config;
    this.backend = backend;
    this.tracking = Tracking.serviceOpened(config.workspace(), backend.mode(), backend::pool);
  }

  /**
   * The tracker of a workspace, configured from its {@code .tracker/config.yaml}: through the
   * workspace's daemon if a healthy one runs, else in this process.
   *
   * <p>This probes, here and now: it reads {@code .tracker/daemon.lock}; when that names a socket,
   * it connects there and asks for {@code health} (waiting at most 2 seconds). Without a lock file
   * that costs one failed file read; with a running daemon, one local round trip, and the
   * connection stays open for the calls that follow. A dead socket, or a daemon that is unhealthy
   * or does not answer in time, means in-process work. The choice holds for the tracker's life.
   *
   * @throws DaemonUnavailableException if the daemon that answers runs another version of tracker
   */
  public static TrackerService open(Path workspace) {
    TrackerConfig config = TrackerConfig.load(workspace);
    return RemoteBackend.probe(config.trackerDirectory())
        .map(remote -> new TrackerService(config, remote))
        .orElseGet(() -> embedded(config));
  }

  /** A tracker that works on the workspace's database in this process. */
  public static TrackerService embedded(TrackerConfig config) {
    return new TrackerService(config, EmbeddedBackend.create(config));
  }

  /**
   * A tracker that always goes through the workspace's daemon, found through {@code
   * .tracker/daemon.lock}. Connects on the first call; each call waits at most 30 seconds.
   *
   * <pre>{@code
   * try (TrackerService tracker = TrackerService.connect(Path.of("."))) {
   *   tracker.ready();
   * }
   * }</pre>
   *
   * @throws DaemonUnavailableException if no daemon lock file is there; a call throws it when the
   *     daemon cannot be reached, does not answer in time, or runs another version
   */
  public static TrackerService connect(Path workspace) {
    TrackerConfig config = TrackerConfig.load(workspace);
    return new TrackerService(config, RemoteBackend.forTrackerDirectory(config.trackerDirectory()));
  }

  /**
   * A tracker that goes through the daemon listening at {@code socket}, whatever the lock file
   * says: for a caller that started the daemon itself and knows its socket. See {@link
   * #connect(Path)}.
   */
  public static TrackerService connect(Path workspace, Path socket) {
    return new TrackerService(TrackerConfig.load(workspace), RemoteBackend.atSocket(socket));
  }

  /**
   * The configuration this tracker runs with; through a daemon, this process's reading of the
   * workspace's configuration (the daemon reads its own).
   */
  public TrackerConfig config() {
    return config;
  }

  /** Creates an issue with a new id; the issue's author is the configured actor. */
  public Issue create(NewIssue issue) {
    return call(backend -> backend.create(issue));
  }

  /** Creates an open task with the given title. */
  public Issue create(String title) {
    return create(NewIssue.of(title));
  }

  /** The issue with this id, tombstones included, if there is one. */
  public Optional<Issue> find(String id) {
    Checks.requireToken("id", id);
    return call(backend -> backend.find(id));
  }

  /**
   * The issue with this id.
   *
   * @throws IssueNotFoundException if there is none
   */
  public Issue get(String id) {
    return find(id).orElseThrow(() -> new IssueNotFoundException(id));
  }

  /** The issues that match, most urgent first, then oldest. */
  public List<Issue> list(IssueFilter filter) {
    return call(backend -> backend.list(filter));
  }

  /** Every issue that is not a tombstone, most urgent first, then oldest. */
  public List<Issue> list() {
    return list(IssueFilter.all());
  }

  /** Changes the fields the update sets. */
  public Issue update(String id, IssueUpdate update) {
    Checks.requireToken("id", id);
    return call(backend -> backend.update(id, update));
  }

  /** Closes an issue, recording why; closing a closed issue changes nothing. */
  public Issue close(String id, String reason) {
    Checks.requireToken("id", id);
    return call(backend -> backend.close(id, reason));
  }

  /** Opens a closed issue again; any other issue is left as it is. */
  public Issue reopen(String id) {
    Checks.requireToken("id", id);
    return call(backend -> backend.reopen(id));
  }

  /**
   * Deletes an issue: it becomes a tombstone, kept so that a stale clone cannot bring it back, and
   * leaves every list but a filter that asks for {@link Status#TOMBSTONE}.
   */
  public Issue delete(String id, String reason) {
    Checks.requireToken("id", id);
    return call(backend -> backend.delete(id, reason));
  }

  /** Open issues with no open blocker, most urgent first, then oldest. */
  public List<Issue> ready() {
    return ready(IssueFilter.all());
  }

  /**
   * Ready issues that also match the filter.
   *
   * @throws ValidationException if the filter names statuses: ready work is always open
   */
  public List<Issue> ready(IssueFilter filter) {
    if (!filter.statuses().isEmpty()) {
      throw new ValidationException(
          "statuses cannot filter ready work, which is always open, was " + filter.statuses());
    }
    return call(backend -> backend.ready(filter));
  }

  /** Issues not done that wait on at least one open blocker, with those blockers. */
  public List<BlockedIssue> blocked() {
    return call(Backend::blocked);
  }

  /**
   * Makes {@code issueId} depend on {@code dependsOnId}.
   *
   * @throws ConflictException if a {@link DependencyType#BLOCKS} link would close a cycle; the
   *     message names the cycle
   */
  public Issue addDependency(String issueId, String dependsOnId, DependencyType type) {
    Checks.requireToken("issue id", issueId);
    Checks.requireToken("depends-on id", dependsOnId);
    return call(backend -> backend.addDependency(issueId, dependsOnId, type));
  }

  /** Removes a dependency; removing one that is not there changes nothing. */
  public Issue removeDependency(String issueId, String dependsOnId, DependencyType type) {
    Checks.requireToken("issue id", issueId);
    Checks.requireToken("depends-on id", dependsOnId);
    return call(backend -> backend.removeDependency(issueId, dependsOnId, type));
  }

  /** Adds a label to an issue. */
  public Issue addLabel(String issueId, String label) {
    Checks.requireToken("id", issueId);
    Checks.requireLabel(label);
    return call(backend -> backend.addLabel(issueId, label));
  }

  /** Removes a label from an issue. */
  public Issue removeLabel(String issueId, String label) {
    Checks.requireToken("id", issueId);
    return call(backend -> backend.removeLabel(issueId, label));
  }

  /** Adds a comment by the configured actor. */
  public Comment addComment(String issueId, String text) {
    Checks.requireToken("id", issueId);
    if (text.isBlank()) {
      throw Checks.invalid("comment text", text, "must not be blank");
    }
    return call(backend -> backend.addComment(issueId, text));
  }

  /** What happened to an issue on this machine, oldest first. */
  public List<Event> history(String issueId) {
    Checks.requireToken("id", issueId);
    return call(backend -> backend.history(issueId));
  }

  /** Counts over the whole tracker. */
  public Stats stats() {
    return call(Backend::stats);
  }

  /**
   * Writes every issue to {@code issues.jsonl}. Nothing is written when the file already holds the
   * same bytes; a file changed by someone else since the last import or export is imported first.
   */
  public ExportResult exportJsonl() {
    return call(Backend::exportJsonl);
  }

  /** Imports the workspace's {@code issues.jsonl}. */
  public ImportResult importJsonl() {
    return importJsonl(config.exportPath());
  }

  /**
   * Imports a JSONL file in one transaction. An issue replaces the stored one unless the stored one
   * changed later.
   *
   * @throws JsonlFormatException naming the line, if a line is malformed; nothing is imported
   */
  public ImportResult importJsonl(Path file) {
    return call(backend -> backend.importJsonl(file));
  }

  /**
   * Brings the workspace in step with git: exports, commits {@code issues.jsonl} alone, and with a
   * remote fetches, merges the remote's issues one by one (the later edit wins, labels, links and
   * comments are merged as sets, a deletion is kept), imports the result and pushes. Without a
   * remote it only commits; with git disabled it only exports. Other files in the work tree are
   * never committed and never reverted.
   *
   * @throws SyncException naming the step that failed, with its cause; what was done before is
   *     consistent
   */
  public SyncResult sync() {
    return call(Backend::sync);
  }

  /**
   * Releases the database engine or the daemon's connections, and everything else this tracker
   * created, waiting for each to finish. Waits for calls in flight; idempotent.
   */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        try {
          backend.close();
        } finally {
          tracking.close();
        }
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private <T> T call(Function<Backend, T> operation) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException(
            "This TrackerService is closed (workspace " + config.workspace() + ")");
      }
      return operation.apply(backend);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "TrackerService[" + config.workspace() + "]";
  }
}
