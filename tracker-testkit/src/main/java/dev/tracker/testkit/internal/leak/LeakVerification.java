package dev.tracker.testkit.internal.leak;

import dev.tracker.core.internal.Tracking;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One leak check: the baseline taken when it is created, findings its daemons and services report
 * as they close, and the comparison after teardown.
 *
 * <p><b>Linger without sleeping.</b> Whatever is still alive after teardown gets until the deadline
 * ({@link LeakSettings#linger()}) to end, and the check waits on each thing itself: a thread with
 * {@link Thread#join(long)}, services and daemon connections with {@link Tracking#awaitClose}
 * (woken by every close), a pool connection in use with the daemon's next background run.
 * Descriptors have nothing to wait on; they are read after the threads and services they belong to
 * have ended, which is when they close. A class without leaks never waits; a leak costs at most the
 * linger.
 */
public final class LeakVerification {

  private final String owner;
  private final Attribution attribution;
  private final LeakSettings settings;
  private final Snapshot baseline;
  private final List<String> findings = Collections.synchronizedList(new ArrayList<>());

  /**
   * Takes the baseline now, after the process-wide warm-up.
   *
   * @param owner the test class, for the message
   */
  public LeakVerification(String owner, Attribution attribution, LeakSettings settings) {
    Warmup.once();
    this.owner = owner;
    this.attribution = attribution;
    this.settings = settings;
    this.baseline = Snapshot.take();
  }

  /** The attribution the check pins resources with. */
  public Attribution attribution() {
    return attribution;
  }

  /**
   * Checks a daemon whose clients have all been closed, before it closes: no connection to it may
   * be open (its connection threads are joined within the linger), and no connection of its
   * database pool may be in use (waiting for its background runs to end within the linger).
   */
  public void beforeDaemonCloses(TrackerDaemon daemon) {
    long deadline = deadline();
    String connectionThreads = daemon.threadNamePrefix() + "-conn-";
    List<Thread> serving = threads(name -> name.startsWith(connectionThreads));
    serving.forEach(thread -> join(thread, deadline));
    List<String> alive =
        serving.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
    if (!alive.isEmpty()) {
      long known =
          Tracking.openConnections().stream()
              .filter(connection -> connection.socket().equals(daemon.socket()))
              .count();
      findings.add(
          alive.size()
              + " connection(s) to the daemon at "
              + daemon.socket()
              + " still open after every client the testkit manages was closed (served by "
              + String.join(", ", alive)
              + "): "
              + (known == 0
                  ? "none is a tracker client, so a connection opened directly (a SocketChannel?)"
                      + " was not closed"
                  : known + " of them tracker client connection(s), listed below"));
    }
    inUse(daemon.workspace(), deadline, daemon).forEach(findings::add);
  }

  /** Checks a service the extension owns, before it closes it: no pool connection in use. */
  public void beforeServiceCloses(Path workspace) {
    inUse(workspace, deadline(), null).forEach(findings::add);
  }

  private List<String> inUse(Path workspace, long deadline, @Nullable TrackerDaemon daemon) {
    while (true) {
      List<String> held = new ArrayList<>();
      for (Tracking.OpenService service : Tracking.openServices()) {
        if (!service.workspace().equals(workspace)) {
          continue;
        }
        service
            .currentPool()
            .filter(pool -> pool.activeConnections() > 0)
            .ifPresent(
                pool ->
                    held.add(
                        "pool "
                            + pool.name()
                            + " of the service of "
                            + workspace
                            + " has "
                            + pool.activeConnections()
                            + " connection(s) borrowed and not given back after every client"
                            + " was closed"));
      }
      if (held.isEmpty() || daemon == null || !awaitBackgroundRun(daemon, deadline)) {
        return held;
      }
    }
  }

  /** Waits for the daemon's next sync, export or import to end: it may be what holds the pool. */
  private static boolean awaitBackgroundRun(TrackerDaemon daemon, long deadline) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      return false;
    }
    CompletableFuture<Object> next =
        CompletableFuture.anyOf(
            daemon.syncs().next(), daemon.exports().next(), daemon.imports().next());
    try {
      next.get(remaining, TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } finally {
      next.cancel(false);
    }
  }

  /**
   * Compares what is open now with the baseline, after letting what is still alive end within the
   * linger.
   *
   * @return each leak's description; empty when there is none
   */
  public List<String> verify() {
    long deadline = deadline();
    List<String> leaks = new ArrayList<>(findings);

    threads(this::suspect).forEach(thread -> join(thread, deadline));
    threads(this::suspect).stream()
        .map(thread -> Culprits.describe(thread, owner))
        .forEach(leaks::add);

    List<Tracking.OpenService> services = suspectServices();
    List<Tracking.OpenConnection> connections = suspectConnections();
    while (!services.isEmpty() || !connections.isEmpty()) {
      long seen = Tracking.closes();
      services = suspectServices();
      connections = suspectConnections();
      if ((services.isEmpty() && connections.isEmpty()) || !awaitClose(seen, deadline)) {
        break;
      }
    }
    services.stream().map(Culprits::describe).forEach(leaks::add);
    connections.stream().map(Culprits::describe).forEach(leaks::add);
    leaks.addAll(connectionsHeldByOlderServices());
    leaks.addAll(files());
    return leaks;
  }

  /** The first line of the failure's message. */
  public String heading(int leaks) {
    return "The leak check of "
        + owner
        + " found "
        + leaks
        + " leak(s) after teardown and a linger of "
        + settings.linger().toMillis()
        + " ms ("
        + (settings.wholeProcess()
            ? "classes run one at a time: every new thread and file counts"
            : "classes run in parallel: only what belongs to " + owner + "'s workspaces counts")
        + "):";
  }

  private long deadline() {
    return System.nanoTime() + settings.linger().toNanos();
  }

  // threads

  private boolean suspect(String name) {
    if (settings.allows(name)) {
      return false;
    }
    if (attribution.ownsThread(name)) {
      return true;
    }
    return settings.wholeProcess() && !attribution.otherOwnsThread(name);
  }

  private List<Thread> threads(Predicate<String> named) {
    List<Thread> threads = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive()
          && thread != Thread.currentThread()
          && !baseline.threads.contains(thread.getId())
          && named.test(thread.getName())) {
        threads.add(thread);
      }
    }
    threads.sort(Comparator.comparing(Thread::getName));
    return threads;
  }

  private static void join(Thread thread, long deadline) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
      return;
    }
    try {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // services and connections

  private List<Tracking.OpenService> suspectServices() {
    return Tracking.openServices().stream()
        .filter(service -> !baseline.services.containsKey(service.id()))
        .filter(
            service ->
                attribution.ownsWorkspace(service.workspace())
                    || (settings.wholeProcess()
                        && !attribution.otherOwnsPath(service.workspace().toString())))
        .toList();
  }

  private List<Tracking.OpenConnection> suspectConnections() {
    return Tracking.openConnections().stream()
        .filter(connection -> !baseline.connections.contains(connection.id()))
        .filter(
            connection ->
                attribution.ownsSocket(connection.socket())
                    || (settings.wholeProcess()
                        && !attribution.otherOwnsSocket(connection.socket())))
        .toList();
  }

  private static boolean awaitClose(long seen, long deadline) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      return false;
    }
    try {
      return Tracking.awaitClose(seen, Duration.ofNanos(remaining));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Pool connections borrowed during the class from a service that was open before it. */
  private List<String> connectionsHeldByOlderServices() {
    List<String> held = new ArrayList<>();
    for (Tracking.OpenService service : Tracking.openServices()) {
      Integer before = baseline.services.get(service.id());
      if (before == null
          || !(attribution.ownsWorkspace(service.workspace()) || settings.wholeProcess())) {
        continue;
      }
      service
          .currentPool()
          .filter(pool -> pool.activeConnections() > before)
          .ifPresent(
              pool ->
                  held.add(
                      "pool "
                          + pool.name()
                          + " of "
                          + service.workspace()
                          + " has "
                          + (pool.activeConnections() - before)
                          + " more connection(s) in use than before "
                          + owner
                          + ": borrowed and not given back"));
    }
    return held;
  }

  // file descriptors

  private List<String> files() {
    List<String> leaks = new ArrayList<>();
    if (!OpenFiles.listable()) {
      OptionalLong now = OpenFiles.count();
      if (settings.wholeProcess()
          && now.isPresent()
          && baseline.fileCount.isPresent()
          && now.getAsLong() > baseline.fileCount.getAsLong()) {
        leaks.add(
            (now.getAsLong() - baseline.fileCount.getAsLong())
                + " more file descriptor(s) open than before "
                + owner
                + " (this platform does not list their targets)");
      }
      return leaks;
    }
    @Nullable Map<String, String> sockets = null;
    for (Map.Entry<Integer, String> open : OpenFiles.targets().entrySet()) {
      String target = open.getValue();
      if (target.equals(baseline.files.get(open.getKey()))) {
        continue;
      }
      String inode = OpenFiles.socketInode(target);
      String path = target;
      if (inode != null) {
        if (sockets == null) {
          sockets = OpenFiles.unixSocketPaths();
        }
        path = sockets.getOrDefault(inode, target);
      }
      boolean mine = attribution.ownsPath(path);
      if (mine || (settings.wholeProcess() && !attribution.otherOwnsPath(path))) {
        leaks.add(
            "file descriptor "
                + open.getKey()
                + " -> "
                + target
                + (path.equals(target) ? "" : " (Unix socket " + path + ")")
                + Culprits.hint(target)
                + " is still open");
      }
    }
    return leaks;
  }
}
