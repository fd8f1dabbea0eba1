package dev.tracker.core.internal.client;

import dev.tracker.core.BlockedIssue;
import dev.tracker.core.Comment;
import dev.tracker.core.DaemonUnavailableException;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Event;
import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueNotFoundException;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Stats;
import dev.tracker.core.SyncException;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerException;
import dev.tracker.core.internal.Backend;
import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.core.internal.protocol.Method;
import dev.tracker.core.internal.protocol.Wire;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Backend} that sends every operation to the daemon, as the method and params of {@code
 * docs/PROTOCOL.md}, and reads the result back into the API's types; a failure comes back as the
 * exception an embedded service would throw.
 */
public final class RemoteBackend implements Backend {

  /** How long {@link #probe} waits for a daemon's {@code health}. */
  public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /** At least this long for export, import and sync, which may write large files or push. */
  static final Duration FILE_TIMEOUT = Duration.ofMinutes(10);

  private final DaemonClient client;
  private final Duration fileTimeout;

  /** A backend that calls through this client, and closes it when closed. */
  public RemoteBackend(DaemonClient client) {
    this.client = client;
    this.fileTimeout =
        client.timeout().compareTo(FILE_TIMEOUT) > 0 ? client.timeout() : FILE_TIMEOUT;
  }

  /**
   * The daemon whose lock file is in the {@code .tracker} directory. Reads the lock file now;
   * connects on the first call.
   *
   * @throws DaemonUnavailableException if there is no (complete) lock file
   */
  public static RemoteBackend forTrackerDirectory(Path trackerDirectory) {
    DaemonFiles.Lock lock =
        DaemonFiles.Lock.read(trackerDirectory)
            .orElseThrow(
                () ->
                    new DaemonUnavailableException(
                        "No tracker daemon runs for "
                            + trackerDirectory.getParent()
                            + ": "
                            + trackerDirectory.resolve(DaemonFiles.LOCK)
                            + " is missing or incomplete. Start one in the workspace with `tracker"
                            + " daemon start`."));
    return atSocket(lock.socket());
  }

  /** The daemon at this socket; connects on the first call. */
  public static RemoteBackend atSocket(Path socket) {
    return new RemoteBackend(new DaemonClient(socket));
  }

  /**
   * The daemon of the {@code .tracker} directory, if its lock file names a socket where a healthy
   * daemon answers {@code health} within {@link #PROBE_TIMEOUT}. The connection of that answer
   * stays open for the first call.
   *
   * @throws DaemonUnavailableException if the daemon that answers runs another version
   */
  public static Optional<Backend> probe(Path trackerDirectory) {
    Optional<DaemonFiles.Lock> lock = DaemonFiles.Lock.read(trackerDirectory);
    if (lock.isEmpty()) {
      return Optional.empty();
    }
    DaemonClient client = new DaemonClient(lock.get().socket());
    boolean healthy = false;
    try {
      healthy =
          client
              .probe(PROBE_TIMEOUT)
              .map(
                  health ->
                      health.path("healthy").isBoolean() && health.path("healthy").asBoolean())
              .orElse(false);
    } finally {
      if (!healthy) {
        client.close();
      }
    }
    return healthy ? Optional.of(new RemoteBackend(client)) : Optional.empty();
  }

  @Override
  public String mode() {
    return "through the daemon at " + client.socket();
  }

  @Override
  public Issue create(NewIssue issue) {
    return call(Method.ISSUE_CREATE, Wire.params(issue), Wire::issue);
  }

  @Override
  public Optional<Issue> find(String id) {
    try {
      return Optional.of(call(Method.ISSUE_GET, id(id), Wire::issue));
    } catch (IssueNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Issue> list(IssueFilter filter) {
    return call(Method.ISSUE_LIST, Wire.params(filter), Wire::issues);
  }

  @Override
  public Issue update(String id, IssueUpdate update) {
    return call(Method.ISSUE_UPDATE, Wire.params(id, update), Wire::issue);
  }

  @Override
  public Issue close(String id, String reason) {
    return call(Method.ISSUE_CLOSE, Wire.params(id, "reason", reason), Wire::issue);
  }

  @Override
  public Issue reopen(String id) {
    return call(Method.ISSUE_REOPEN, id(id), Wire::issue);
  }

  @Override
  public Issue delete(String id, String reason) {
    return call(Method.ISSUE_DELETE, Wire.params(id, "reason", reason), Wire::issue);
  }

  @Override
  public List<Issue> ready(IssueFilter filter) {
    ObjectNode params = Wire.params(filter);
    // ready work is open by definition: issue.ready takes no status
    params.remove("status");
    return call(Method.ISSUE_READY, params, Wire::issues);
  }

  @Override
  public List<BlockedIssue> blocked() {
    return call(Method.ISSUE_BLOCKED, null, Wire::blocked);
  }

  @Override
  public Issue addDependency(String issueId, String dependsOnId, DependencyType type) {
    return call(Method.DEP_ADD, Wire.dependencyParams(issueId, dependsOnId, type), Wire::issue);
  }

  @Override
  public Issue removeDependency(String issueId, String dependsOnId, DependencyType type) {
    return call(Method.DEP_REMOVE, Wire.dependencyParams(issueId, dependsOnId, type), Wire::issue);
  }

  @Override
  public Issue addLabel(String issueId, String label) {
    return call(Method.LABEL_ADD, Wire.params(issueId, "label", label), Wire::issue);
  }

  @Override
  public Issue removeLabel(String issueId, String label) {
    return call(Method.LABEL_REMOVE, Wire.params(issueId, "label", label), Wire::issue);
  }

  @Override
  public Comment addComment(String issueId, String text) {
    return call(Method.COMMENT_ADD, Wire.params(issueId, "text", text), Wire::comment);
  }

  @Override
  public List<Event> history(String issueId) {
    return call(Method.ISSUE_HISTORY, id(issueId), Wire::events);
  }

  @Override
  public Stats stats() {
    return call(Method.STATS, null, Wire::stats);
  }

  @Override
  public ExportResult exportJsonl() {
    return decode(Method.EXPORT, client.call(Method.EXPORT, null, fileTimeout), Wire::export);
  }

  @Override
  public ImportResult importJsonl(Path file) {
    // a relative path means the caller's working directory, which the daemon does not share
    ObjectNode params = Wire.JSON.createObjectNode().put("path", file.toAbsolutePath().toString());
    return decode(Method.IMPORT, client.call(Method.IMPORT, params, fileTimeout), Wire::imported);
  }

  @Override
  public SyncResult sync() {
    JsonNode result = client.call(Method.SYNC, null, fileTimeout);
    if ("error".equals(result.path("status").asString(""))) {
      throw new SyncException(result.path("error").asString("the daemon's sync failed"));
    }
    return decode(Method.SYNC, result, Wire::sync);
  }

  /** Closes the client and with it every connection. */
  @Override
  public void close() {
    client.close();
  }

  private <T> T call(Method method, @Nullable ObjectNode params, Function<JsonNode, T> reader) {
    return decode(method, client.call(method, params), reader);
  }

  private <T> T decode(Method method, JsonNode result, Function<JsonNode, T> reader) {
    try {
      return reader.apply(result);
    } catch (RuntimeException e) {
      throw new TrackerException(
          "The tracker daemon at "
              + client.socket()
              + " answered "
              + method.wireName()
              + " with a result this client cannot read: "
              + e,
          e);
    }
  }

  private static ObjectNode id(String id) {
    return Wire.JSON.createObjectNode().put("id", id);
  }

  @Override
  public String toString() {
    return "RemoteBackend[" + client.socket() + "]";
  }
}
