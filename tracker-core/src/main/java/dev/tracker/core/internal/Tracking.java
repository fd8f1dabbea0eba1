package dev.tracker.core.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What of this process's trackers is open right now: every {@code TrackerService} not yet closed,
 * and every connection a daemon client holds. The testkit's leak check reads it; nothing else does.
 *
 * <p>Always on and cheap: an entry is a map insert on open and a remove on close. The stack of the
 * code that opened a service or a connection costs more, so it is recorded only after {@link
 * #recordCreationSites(boolean)} turned that on (the testkit does, once per JVM).
 *
 * <p>Each entry also keeps its creation context: the context class loader of the thread that
 * created it. The testkit runs each test class's code with a loader of the class's own as that
 * thread's context class loader (threads inherit it from the thread that starts them), so that it
 * can tell which class created a service or a connection wherever its workspace or socket is.
 * Reading it is one field read; it is always recorded.
 *
 * <p>An entry stays until its owner is closed, even when the owner itself is unreachable: a service
 * nobody closed is exactly what this registry is for.
 */
public final class Tracking {

  private static final AtomicBoolean SITES = new AtomicBoolean();
  private static final AtomicLong IDS = new AtomicLong();
  private static final ConcurrentMap<Long, OpenService> SERVICES = new ConcurrentHashMap<>();
  private static final ConcurrentMap<Long, OpenConnection> CONNECTIONS = new ConcurrentHashMap<>();
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final Condition CHANGED = LOCK.newCondition();
  // guarded by LOCK; counts every close, so that a waiter can tell whether one happened since
  private static long closes;

  private Tracking() {}

  /** Whether open services and connections record the stack of the code that opened them. */
  public static void recordCreationSites(boolean record) {
    SITES.set(record);
  }

  /** Whether creation sites are recorded. */
  public static boolean recordsCreationSites() {
    return SITES.get();
  }

  /**
   * Records a service that was just created; closing the returned handle removes it.
   *
   * @param workspace the workspace the service works on
   * @param mode how it works: {@code embedded}, or through which daemon
   * @param pool the database pool the service holds at the moment, if any
   */
  public static Handle serviceOpened(Path workspace, String mode, Supplier<Optional<Pool>> pool) {
    long id = IDS.incrementAndGet();
    SERVICES.put(
        id,
        new OpenService(
            id, workspace, mode, site("TrackerService created"), creationContext(), pool));
    return new Handle(() -> SERVICES.remove(id));
  }

  /**
   * Records a connection to a daemon that was just opened; closing the returned handle removes it.
   *
   * @param socket the daemon's socket
   * @param owner what holds the connection, for the leak report
   */
  public static Handle connectionOpened(Path socket, String owner) {
    long id = IDS.incrementAndGet();
    CONNECTIONS.put(
        id, new OpenConnection(id, socket, owner, site("Connection opened"), creationContext()));
    return new Handle(() -> CONNECTIONS.remove(id));
  }

  /** The services open now, oldest first. */
  public static List<OpenService> openServices() {
    return SERVICES.values().stream().sorted(Comparator.comparingLong(OpenService::id)).toList();
  }

  /** The daemon connections open now, oldest first. */
  public static List<OpenConnection> openConnections() {
    return CONNECTIONS.values().stream()
        .sorted(Comparator.comparingLong(OpenConnection::id))
        .toList();
  }

  /** How many services and connections were closed so far; pass it to {@link #awaitClose}. */
  public static long closes() {
    LOCK.lock();
    try {
      return closes;
    } finally {
      LOCK.unlock();
    }
  }

  /**
   * Waits until a service or a connection is closed after {@code seen} closes were counted, or the
   * timeout passes.
   *
   * @return whether one was closed
   */
  public static boolean awaitClose(long seen, Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    LOCK.lock();
    try {
      while (closes == seen) {
        if (remaining <= 0) {
          return false;
        }
        remaining = CHANGED.awaitNanos(remaining);
      }
      return true;
    } finally {
      LOCK.unlock();
    }
  }

  private static @Nullable Throwable site(String what) {
    return SITES.get() ? new Throwable(what + " here") : null;
  }

  private static @Nullable ClassLoader creationContext() {
    return Thread.currentThread().getContextClassLoader();
  }

  private static void closed() {
    LOCK.lock();
    try {
      closes++;
      CHANGED.signalAll();
    } finally {
      LOCK.unlock();
    }
  }

  /** Removes an entry when closed; idempotent. */
  public static final class Handle {
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Runnable remove;

    private Handle(Runnable remove) {
      this.remove = remove;
    }

    /** Removes the entry, the first time. */
    public void close() {
      if (open.compareAndSet(true, false)) {
        remove.run();
        closed();
      }
    }
  }

  /** A database pool as the leak check sees it. */
  public interface Pool {
    /** The pool's name, which its threads carry: {@code tracker-db[<workspace directory>]}. */
    String name();

    /** Connections open in the pool, idle or in use. */
    int totalConnections();

    /** Connections borrowed from the pool and not yet given back. */
    int activeConnections();

    /** The pool itself: tests borrow from it to plant a connection that is never given back. */
    DataSource dataSource();
  }

  /**
   * A service not yet closed.
   *
   * @param id increasing in the order services were created
   * @param workspace the workspace it works on
   * @param mode {@code embedded}, or through which daemon
   * @param creationSite where it was created, when sites are recorded
   * @param creationContext the context class loader of the thread that created it
   * @param pool its database pool at the moment of asking, if it has one open
   */
  public record OpenService(
      long id,
      Path workspace,
      String mode,
      @Nullable Throwable creationSite,
      @Nullable ClassLoader creationContext,
      Supplier<Optional<Pool>> pool) {

    /** Its database pool now, if it has one open. */
    public Optional<Pool> currentPool() {
      return pool.get();
    }
  }

  /**
   * A daemon connection not yet closed.
   *
   * @param id increasing in the order connections were opened
   * @param socket the daemon's socket
   * @param owner what holds it
   * @param creationSite where it was opened, when sites are recorded
   * @param creationContext the context class loader of the thread that opened it
   */
  public record OpenConnection(
      long id,
      Path socket,
      String owner,
      @Nullable Throwable creationSite,
      @Nullable ClassLoader creationContext) {}
}
