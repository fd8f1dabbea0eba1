package dev.tracker.testkit;

import dev.tracker.core.internal.protocol.DaemonFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The paths of a test's workspace, as injected by {@link TrackerDaemonTest} and {@link
 * TrackerTest}: the files tracker keeps, and the two files a running daemon holds.
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
 * <p><b>The daemon's files.</b> A running daemon has two files in {@link #trackerDirectory()}, and
 * a test may read only one of them:
 *
 * <ul>
 *   <li>{@link #lockFile()}, {@code daemon.lock}: JSON with the daemon's pid, socket, version and
 *       start time, written whole (a rename) when the daemon starts and deleted when it stops. Read
 *       it freely, with {@link #readLockFile()}.
 *   <li>{@link #pidFile()}, {@code daemon.pid}: the daemon's OS lock. <b>Never open it while a
 *       daemon of this JVM runs, not even to read it</b>: on Linux the JDK's file locks are POSIX
 *       locks that belong to the process, and closing any descriptor of the file drops the daemon's
 *       lock, so a second daemon could start on the same workspace. Reading it ({@code
 *       Files.readString}, a stream, a channel) opens a descriptor; {@code Files.exists} and {@code
 *       Files.size} do not. After the daemon stopped it stays, empty. See {@code
 *       docs/decisions/0006-daemon.md}.
 * </ul>
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

  /**
   * {@code .tracker/daemon.lock}: what a running daemon says about itself (pid, socket, version,
   * start time), as JSON; there only while it runs. Safe to read at any time: see {@link
   * #readLockFile()}.
   */
  public Path lockFile() {
    return trackerDirectory.resolve(DaemonFiles.LOCK);
  }

  /**
   * {@code .tracker/daemon.pid}: the file a running daemon holds its OS lock on. <b>Do not open
   * it</b> (to read, write or lock) while a daemon of this JVM runs: closing any descriptor of it
   * drops the daemon's lock (see the class's comment). Its path is given to check that it exists,
   * or to read it once the daemon has stopped (it is then empty). Read {@link #lockFile()} for the
   * pid instead.
   */
  public Path pidFile() {
    return trackerDirectory.resolve(DaemonFiles.PID);
  }

  /**
   * Reads {@link #lockFile()}, the safe way to learn about the running daemon; never opens {@link
   * #pidFile()}.
   *
   * <pre>{@code
   * assertThat(workspace.readLockFile().orElseThrow().pid()).isEqualTo(daemon.pid());
   * }</pre>
   *
   * @return the lock file's content; empty when there is none (no daemon runs) or it is not a whole
   *     lock file
   */
  public Optional<LockFile> readLockFile() {
    return DaemonFiles.Lock.read(trackerDirectory)
        .map(lock -> new LockFile(lock.pid(), lock.socket(), lock.version(), lock.startedAt()));
  }

  /**
   * What a running daemon writes into {@link #lockFile()}.
   *
   * @param pid the daemon's process id
   * @param socket where its socket is
   * @param version the tracker version it runs
   * @param startedAt when it started
   */
  public record LockFile(long pid, Path socket, String version, Instant startedAt) {

    /** Checks that no component is null. */
    public LockFile {
      Objects.requireNonNull(socket, "socket");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(startedAt, "startedAt");
    }
  }
}
