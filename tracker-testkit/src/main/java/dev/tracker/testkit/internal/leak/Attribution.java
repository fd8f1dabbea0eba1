package dev.tracker.testkit.internal.leak;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What belongs to one leak check: the workspaces, other directories and daemon sockets of its
 * class. Threads are pinned on it by the name of a workspace directory in brackets, as daemons
 * ({@code tracker-daemon[<dir>]-...}) and database pools ({@code tracker-db[<dir>] ...}) name
 * theirs; descriptors by a target inside one of its directories or at one of its sockets; services
 * by their workspace; daemon connections by their socket.
 *
 * <p>Every attribution in use is known process-wide, so that a check does not blame another class's
 * resources that are still alive: an enclosing class's daemon, or another class running in
 * parallel.
 */
public final class Attribution {

  private static final Set<Attribution> LIVE = ConcurrentHashMap.newKeySet();

  private final String owner;
  private final Set<String> names = ConcurrentHashMap.newKeySet();
  private final Set<Path> directories = ConcurrentHashMap.newKeySet();
  private final Set<Path> sockets = ConcurrentHashMap.newKeySet();

  /** An attribution for the named owner (a test class), in use until {@link #release()}. */
  public Attribution(String owner) {
    this.owner = owner;
    LIVE.add(this);
  }

  /** The owner, for messages. */
  public String owner() {
    return owner;
  }

  /** Adds a workspace: its directory name pins threads, its path pins files and services. */
  public void addWorkspace(Path root) {
    Path name = root.getFileName();
    if (name != null) {
      names.add(name.toString());
    }
    directories.add(root);
  }

  /** Adds a directory whose files are the owner's: a bare remote, for instance. */
  public void addDirectory(Path directory) {
    directories.add(directory);
  }

  /** Adds a daemon socket: descriptors and connections at it are the owner's. */
  public void addSocket(Path socket) {
    sockets.add(socket);
  }

  /** No longer in use: other checks may blame what matches it from now on. */
  public void release() {
    LIVE.remove(this);
  }

  boolean ownsThread(String threadName) {
    for (String name : names) {
      if (threadName.contains("[" + name + "]")) {
        return true;
      }
    }
    return false;
  }

  boolean ownsPath(String target) {
    for (Path socket : sockets) {
      if (target.equals(socket.toString())) {
        return true;
      }
    }
    for (Path directory : directories) {
      String root = directory.toString();
      if (target.equals(root) || target.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }

  boolean ownsWorkspace(Path workspace) {
    return ownsPath(workspace.toString());
  }

  boolean ownsSocket(Path socket) {
    return sockets.contains(socket) || ownsPath(socket.toString());
  }

  /** Whether another attribution in use claims the thread. */
  boolean otherOwnsThread(String threadName) {
    return LIVE.stream().anyMatch(other -> other != this && other.ownsThread(threadName));
  }

  boolean otherOwnsPath(String target) {
    return LIVE.stream().anyMatch(other -> other != this && other.ownsPath(target));
  }

  boolean otherOwnsSocket(Path socket) {
    return LIVE.stream().anyMatch(other -> other != this && other.ownsSocket(socket));
  }

  @Override
  public String toString() {
    return "Attribution[" + owner + ", " + directories + ", " + sockets + "]";
  }
}
