package dev.tracker.testkit.internal.leak;

import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What belongs to one test class (its owner), so that its leak check blames it for that and for
 * nothing else, also while other classes run at the same time.
 *
 * <p><b>Threads, services and connections by where they were created.</b> While the owner's code
 * runs (its constructors, lifecycle and test methods, and what the testkit starts for it), the
 * running thread's context class loader is a {@link Marker} of the owner, which delegates every
 * lookup to the loader it replaced. A thread inherits its context class loader from the thread that
 * creates it, so every thread the owner's code starts, and every thread those start, carries the
 * marker; and {@code Tracking} records the context class loader of the thread that creates a
 * service or a connection. Whose a thread, service or connection is, is read off its loader's chain
 * ({@link #of(ClassLoader)}): exact, with no lookup table and no cost per thread.
 *
 * <p><b>What has no creation context.</b> A thread whose factory set its context class loader, or
 * that no class's code started, is pinned by its name when it holds one of the owner's workspace
 * directory names in brackets, as daemons ({@code tracker-daemon[<dir>]-...}) and database pools
 * ({@code tracker-db[<dir>] ...}) name theirs; a descriptor by a target inside one of the owner's
 * directories (workspaces, a bare remote, {@code @TempDir}s) or at one of its sockets; a service or
 * connection without a marker by its workspace or socket.
 *
 * <p>Every attribution in use is known process-wide, so that no check blames what another class
 * still running owns by name or path.
 */
public final class Attribution {

  private static final Set<Attribution> LIVE = ConcurrentHashMap.newKeySet();

  private final String owner;
  private final @Nullable SessionCheck session;
  private final boolean checked;
  private final Set<String> names = ConcurrentHashMap.newKeySet();
  private final Set<String> directories = ConcurrentHashMap.newKeySet();
  private final Set<Path> sockets = ConcurrentHashMap.newKeySet();
  // one marker for each context class loader it stands in for (almost always one); guarded by
  // itself
  private final IdentityHashMap<ClassLoader, Marker> markers = new IdentityHashMap<>();
  private volatile boolean released;

  /**
   * An attribution for the named owner (a test class), in use until {@link #release()}.
   *
   * @param session the session check of the run, which reports what no class could be blamed for
   * @param checked whether a leak check runs for the owner: the session check leaves what an
   *     unchecked owner started alone
   */
  public Attribution(String owner, @Nullable SessionCheck session, boolean checked) {
    this.owner = owner;
    this.session = session;
    this.checked = checked;
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
    addDirectory(root);
  }

  /**
   * Adds a directory whose files are the owner's: a bare remote, a {@code @TempDir}. Both its path
   * and its real path count, since descriptors name real paths.
   */
  public void addDirectory(Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    directories.add(absolute.toString());
    try {
      directories.add(absolute.toRealPath().toString());
    } catch (IOException e) {
      // not there (yet, or any more): its path alone
    }
  }

  /** Adds a daemon socket: descriptors and connections at it are the owner's. */
  public void addSocket(Path socket) {
    sockets.add(socket);
  }

  /** No longer in use: its names and paths pin nothing from now on. */
  public void release() {
    released = true;
    LIVE.remove(this);
  }

  boolean released() {
    return released;
  }

  boolean checked() {
    return checked;
  }

  @Nullable SessionCheck session() {
    return session;
  }

  /**
   * Makes the current thread run as the owner's until the returned value is closed: its context
   * class loader becomes a marker of the owner standing in for the one it had. Nothing changes when
   * the thread already runs as the owner's, or has no context class loader (there is nothing to
   * delegate to).
   */
  public Entered enter() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    if (previous == null || of(previous) == this) {
      return Entered.NOTHING;
    }
    thread.setContextClassLoader(marker(previous));
    return () -> thread.setContextClassLoader(previous);
  }

  private Marker marker(ClassLoader parent) {
    synchronized (markers) {
      return markers.computeIfAbsent(parent, loader -> new Marker(this, loader));
    }
  }

  /** Whether the thread carries this owner's marker: the owner's code started it. */
  public boolean marks(Thread thread) {
    return of(thread.getContextClassLoader()) == this;
  }

  /** The attribution whose marker is on the loader's chain; null when none is. */
  static @Nullable Attribution of(@Nullable ClassLoader loader) {
    for (ClassLoader current = loader; current != null; current = current.getParent()) {
      if (current instanceof Marker marker) {
        return marker.owner;
      }
    }
    return null;
  }

  boolean ownsThreadName(String threadName) {
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
    for (String root : directories) {
      if (target.equals(root) || target.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }

  boolean ownsSocket(Path socket) {
    return sockets.contains(socket) || ownsPath(socket.toString());
  }

  /** The attribution in use whose workspace names the thread; null when none does. */
  static @Nullable Attribution liveOwnerOfThreadName(String threadName) {
    return LIVE.stream().filter(other -> other.ownsThreadName(threadName)).findFirst().orElse(null);
  }

  static boolean liveOwnsPath(String target) {
    return LIVE.stream().anyMatch(other -> other.ownsPath(target));
  }

  static boolean liveOwnsSocket(Path socket) {
    return LIVE.stream().anyMatch(other -> other.ownsSocket(socket));
  }

  @Override
  public String toString() {
    return "Attribution[" + owner + ", " + directories + ", " + sockets + "]";
  }

  /** Gives the thread its context class loader back. */
  @FunctionalInterface
  public interface Entered extends AutoCloseable {

    /** For a thread that already ran as the owner's. */
    Entered NOTHING = () -> {};

    @Override
    void close();
  }

  /**
   * The owner's context class loader: delegates every class and resource to the loader it stands in
   * for (its parent), defines nothing, and is only there to be found on a thread's chain. One per
   * owner and replaced loader, so a thread that inherited it keeps this small object alive, not the
   * test class.
   */
  static final class Marker extends ClassLoader {

    final Attribution owner;

    Marker(Attribution owner, ClassLoader parent) {
      super("tracker-testkit[" + owner.owner() + "]", parent);
      this.owner = owner;
    }
  }
}
