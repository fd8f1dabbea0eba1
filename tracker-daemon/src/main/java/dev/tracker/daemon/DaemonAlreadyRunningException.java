package dev.tracker.daemon;

import dev.tracker.core.TrackerException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Another daemon holds the lock of the workspace ({@code .tracker/daemon.pid}): one daemon serves a
 * workspace. The message names the workspace and the pid from {@code .tracker/daemon.lock}, e.g.
 * {@code A daemon already serves /home/me/project (pid 4242)}.
 */
public class DaemonAlreadyRunningException extends TrackerException {

  private static final long serialVersionUID = 1L;

  // a String, not the Path, which is not serializable (exceptions are)
  private final String workspace;
  private final long pid;

  /**
   * Creates the exception for a workspace whose lock is held.
   *
   * @param pid the holder's pid, or a negative number when its lock file cannot be read yet (it is
   *     still starting)
   */
  public DaemonAlreadyRunningException(Path workspace, long pid) {
    super(message(workspace, pid));
    this.workspace = workspace.toString();
    this.pid = pid;
  }

  /** Creates the exception with the failure that caused it. */
  public DaemonAlreadyRunningException(Path workspace, long pid, Throwable cause) {
    super(message(workspace, pid), cause);
    this.workspace = workspace.toString();
    this.pid = pid;
  }

  private static String message(Path workspace, long pid) {
    return "A daemon already serves "
        + workspace
        + (pid >= 0 ? " (pid " + pid + ")" : " (pid unknown: it is still starting)");
  }

  /** The workspace the other daemon serves. */
  public Path workspace() {
    return Path.of(workspace);
  }

  /** The pid of the daemon that holds the lock; empty when its lock file could not be read. */
  public OptionalLong pid() {
    return pid >= 0 ? OptionalLong.of(pid) : OptionalLong.empty();
  }
}
