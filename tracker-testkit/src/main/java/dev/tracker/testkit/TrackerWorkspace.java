package dev.tracker.testkit;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The paths of a test's workspace, as injected by {@link TrackerDaemonTest} and {@link
 * TrackerTest}.
 *
 * <pre>{@code
 * @Test
 * void sync_writes_the_file(TrackerService tracker, TrackerWorkspace workspace) {
 *   tracker.create("one");
 *   tracker.sync();
 *   assertThat(workspace.jsonl()).exists();
 * }
 * }</pre>
 *
 * @param root the workspace directory
 * @param trackerDirectory its {@code .tracker} directory
 * @param database the SQLite database
 * @param jsonl the {@code issues.jsonl} file
 * @param socket the daemon's socket; empty without a daemon
 * @param git the root of the workspace's git repository, when it is one
 * @param remote the bare repository that is the workspace's remote {@code origin}, when it has one
 */
public record TrackerWorkspace(
    Path root,
    Path trackerDirectory,
    Path database,
    Path jsonl,
    Optional<Path> socket,
    Optional<Path> git,
    Optional<Path> remote) {

  /** Checks that no component is null. */
  public TrackerWorkspace {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(trackerDirectory, "trackerDirectory");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(jsonl, "jsonl");
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(git, "git");
    Objects.requireNonNull(remote, "remote");
  }
}
