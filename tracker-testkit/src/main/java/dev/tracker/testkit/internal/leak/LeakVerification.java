package dev.tracker.testkit.internal.leak;

import dev.tracker.core.internal.Tracking;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.internal.leak.SessionCheck.Keys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One leak check: the baseline taken when it is created, findings its daemons and services report
 * as they close, and the comparison after teardown.
 *
 * <p><b>Whose is what.</b> Each thread, service, connection and descriptor new since the baseline
 * is the class's, another class's, or nobody's, as its {@link Attribution} tells: by the class
 * whose code created it (a thread, service or connection), else by a workspace name or path. What
 * is the class's is a leak. What is nobody's is one too when classes run one at a time; when they
 * run in parallel it is told to the {@link SessionCheck}, which reports it at the end of the run if
 * it is still open. What is another class's is never this class's leak.
 *
 * <p><b>Linger without sleeping, and a second look.</b> Whatever is still alive after teardown gets
 * until the deadline ({@link LeakSettings#linger()}) to end, and the check waits on each thing
 * itself: a thread with {@link Thread#join(long)}, services and daemon connections with {@link
 * Tracking#awaitClose} (woken by every close), a daemon's background work with {@link
 * TrackerDaemon#awaitIdle}. Then it looks again, and reports what it sees then, never what it saw
 * before waiting. Descriptors have nothing to wait on; they are read after the threads and services
 * they belong to have ended, which is when they close. A class without leaks never waits; a leak
 * costs at most the linger.
 */
public final class LeakVerification {

  private enum Whose {
    MINE,
    OTHERS,
    NOBODYS,
    ALLOWED
  }

  private final String owner;
  private final Attribution attribution;
  private final LeakSettings settings;
  private final @Nullable SessionCheck session;
  private final Snapshot baseline;
  private final List<String> findings = Collections.synchronizedList(new ArrayList<>());

  /**
   * Takes the baseline now, after the process-wide warm-up.
   *
   * @param owner the test class, for the message
   * @param session where what can be pinned on no class goes; null for none
   */
  public LeakVerification(
      String owner,
      Attribution attribution,
      LeakSettings settings,
      @Nullable SessionCheck session) {
    Warmup.once();
    this.owner = owner;
    this.attribution = attribution;
    this.settings = settings;
    this.session = session;
    this.baseline = Snapshot.take();
  }

  /** The attribution the check pins resources with. */
  public Attribution attribution() {
    return attribution;
  }

  /**
   * Checks a daemon whose clients have all been closed, before it closes: no connection to it may
   * be open (its connection threads are joined within the linger), and no connection of its
   * database pool may be in use once its own background work has ended.
   */
  public void beforeDaemonCloses(TrackerDaemon daemon) {
    long deadline = deadline();
    String connectionThreads = daemon.threadNamePrefix() + "-conn-";
    List<Thread> serving =
        Threads.live().stream()
            .filter(thread -> thread.getName().startsWith(connectionThreads))
            .toList();
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
    findings.addAll(heldByDaemon(daemon, deadline));
  }

  /** Checks a service the extension owns, before it closes it: no pool connection in use. */
  public void beforeServiceCloses(Path workspace) {
    findings.addAll(held(workspace));
  }

  /**
   * The pool connections of the daemon's service in use once the daemon's own background work (its
   * first read, a sync, an export, an import) has ended. A connection in use at a look is the
   * daemon's own when a run of its ends between that look and the background thread's next idle
   * moment: then the check looks again. It is a leak when the background thread was idle all along
   * (no run ended). When the background work never rests until the deadline, nothing is reported:
   * the check cannot tell, and a clean class must never fail.
   */
  private List<String> heldByDaemon(TrackerDaemon daemon, long deadline) {
    if (!awaitIdle(daemon, deadline)) {
      return List.of();
    }
    while (true) {
      long runs = runs(daemon);
      List<String> held = held(daemon.workspace());
      if (held.isEmpty()) {
        return held;
      }
      if (!awaitIdle(daemon, deadline)) {
        return List.of();
      }
      if (runs(daemon) == runs) {
        return held;
      }
    }
  }

  private static long runs(TrackerDaemon daemon) {
    return daemon.syncs().count() + daemon.exports().count() + daemon.imports().count();
  }

  private static boolean awaitIdle(TrackerDaemon daemon, long deadline) {
    return daemon.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  private static List<String> held(Path workspace) {
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
    return held;
  }

  /**
   * Compares what is open now with the baseline, after letting what is still alive end within the
   * linger and looking again.
   *
   * @return each leak's description; empty when there is none
   */
  public List<String> verify() {
    long deadline = deadline();
    List<String> leaks = new ArrayList<>(findings);
    Set<String> settled = new HashSet<>();

    threads(Whose.MINE).forEach(thread -> join(thread, deadline));
    for (Thread thread : threads(Whose.MINE)) {
      leaks.add(Culprits.describe(thread, owner));
      settled.add(Keys.thread(thread));
    }

    awaitServicesAndConnections(deadline);
    for (Tracking.OpenService service : services(Whose.MINE)) {
      leaks.add(Culprits.describe(service));
      settled.add(Keys.service(service));
    }
    for (Tracking.OpenConnection connection : connections(Whose.MINE)) {
      leaks.add(Culprits.describe(connection));
      settled.add(Keys.connection(connection));
    }
    leaks.addAll(connectionsHeldByOlderServices());
    leaks.addAll(files(settled));

    if (session != null) {
      settled.addAll(toleratedHere());
      session.settle(settled);
      if (!settings.wholeProcess()) {
        tellSession(session);
      }
    }
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
            : "classes run in parallel: what "
                + owner
                + "'s code started, and files in its workspaces and @TempDirs, count")
        + "):";
  }

  private long deadline() {
    return System.nanoTime() + settings.linger().toNanos();
  }

  // threads

  private Whose whose(Thread thread) {
    String name = thread.getName();
    if (settings.allows(name) || Threads.junits(thread)) {
      return Whose.ALLOWED;
    }
    Attribution creator = Attribution.of(thread.getContextClassLoader());
    if (creator != null) {
      return creator == attribution ? Whose.MINE : Whose.OTHERS;
    }
    if (attribution.ownsThreadName(name)) {
      return Whose.MINE;
    }
    if (Attribution.liveOwnerOfThreadName(name) != null) {
      return Whose.OTHERS;
    }
    return settings.wholeProcess() ? Whose.MINE : Whose.NOBODYS;
  }

  /** New threads, alive, of the kind; sorted by name. */
  private List<Thread> threads(Whose kind) {
    List<Thread> threads = new ArrayList<>();
    for (Thread thread : Threads.live()) {
      if (thread != Thread.currentThread()
          && !baseline.threads.contains(thread.getId())
          && whose(thread) == kind) {
        threads.add(thread);
      }
    }
    threads.sort(Comparator.comparing(Thread::getName));
    return threads;
  }

  /** New threads allowed by this class's own allow-list alone: not the session's to report. */
  private List<String> toleratedHere() {
    List<String> tolerated = new ArrayList<>();
    for (Thread thread : threads(Whose.ALLOWED)) {
      if (!LeakSettings.allowedEverywhere(thread.getName())) {
        tolerated.add(Keys.thread(thread));
      }
    }
    return tolerated;
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

  private Whose whose(@Nullable ClassLoader creationContext, String path, boolean socket) {
    Attribution creator = Attribution.of(creationContext);
    if (creator != null) {
      return creator == attribution ? Whose.MINE : Whose.OTHERS;
    }
    if (socket ? attribution.ownsSocket(Path.of(path)) : attribution.ownsPath(path)) {
      return Whose.MINE;
    }
    if (socket ? Attribution.liveOwnsSocket(Path.of(path)) : Attribution.liveOwnsPath(path)) {
      return Whose.OTHERS;
    }
    return settings.wholeProcess() ? Whose.MINE : Whose.NOBODYS;
  }

  private Whose whose(Tracking.OpenService service) {
    return whose(service.creationContext(), service.workspace().toString(), false);
  }

  private Whose whose(Tracking.OpenConnection connection) {
    return whose(connection.creationContext(), connection.socket().toString(), true);
  }

  private List<Tracking.OpenService> services(Whose kind) {
    return Tracking.openServices().stream()
        .filter(service -> !baseline.services.containsKey(service.id()))
        .filter(service -> whose(service) == kind)
        .toList();
  }

  private List<Tracking.OpenConnection> connections(Whose kind) {
    return Tracking.openConnections().stream()
        .filter(connection -> !baseline.connections.contains(connection.id()))
        .filter(connection -> whose(connection) == kind)
        .toList();
  }

  /** Waits, within the deadline, until none of the class's services and connections is open. */
  private void awaitServicesAndConnections(long deadline) {
    while (true) {
      long seen = Tracking.closes();
      if (services(Whose.MINE).isEmpty() && connections(Whose.MINE).isEmpty()) {
        return;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return;
      }
      try {
        if (!Tracking.awaitClose(seen, Duration.ofNanos(remaining))) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Pool connections borrowed during the class from a service that was open before it. */
  private List<String> connectionsHeldByOlderServices() {
    List<String> held = new ArrayList<>();
    for (Tracking.OpenService service : Tracking.openServices()) {
      Integer before = baseline.services.get(service.id());
      if (before == null || whose(service) != Whose.MINE) {
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

  private List<String> files(Set<String> settled) {
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
    for (NewFile file : newFiles()) {
      if (file.whose() == Whose.MINE) {
        leaks.add(file.description() + " is still open");
        settled.add(Keys.file(file.descriptor(), file.target()));
      }
    }
    return leaks;
  }

  private record NewFile(int descriptor, String target, String path, Whose whose) {
    String description() {
      return "file descriptor "
          + descriptor
          + " -> "
          + target
          + (path.equals(target) ? "" : " (Unix socket " + path + ")")
          + Culprits.hint(target);
    }
  }

  private List<NewFile> newFiles() {
    List<NewFile> files = new ArrayList<>();
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
      Whose whose;
      if (attribution.ownsPath(path)) {
        whose = Whose.MINE;
      } else if (Attribution.liveOwnsPath(path)) {
        whose = Whose.OTHERS;
      } else {
        whose = settings.wholeProcess() ? Whose.MINE : Whose.NOBODYS;
      }
      files.add(new NewFile(open.getKey(), target, path, whose));
    }
    return files;
  }

  // the session

  /**
   * Tells the session what this class's check saw that it could pin on no class (files with a path,
   * threads, services, connections), and what is open at all, so that it forgets what has ended
   * since it was told.
   */
  private void tellSession(SessionCheck session) {
    long look = session.beginLook();
    Set<String> present = new HashSet<>();
    Map<String, String> unpinned = new LinkedHashMap<>();
    for (Thread thread : Threads.live()) {
      String key = Keys.thread(thread);
      present.add(key);
      if (!baseline.threads.contains(thread.getId()) && whose(thread) == Whose.NOBODYS) {
        unpinned.put(key, thread.getName());
      }
    }
    if (OpenFiles.listable()) {
      OpenFiles.targets().forEach((fd, target) -> present.add(Keys.file(fd, target)));
      for (NewFile file : newFiles()) {
        if (file.whose() == Whose.NOBODYS && file.path().startsWith("/")) {
          unpinned.put(
              Keys.file(file.descriptor(), file.target()),
              file.description()
                  + " is still open at the end of the run, outside every workspace and"
                  + " @TempDir of every class");
        }
      }
    }
    for (Tracking.OpenService service : Tracking.openServices()) {
      present.add(Keys.service(service));
    }
    for (Tracking.OpenConnection connection : Tracking.openConnections()) {
      present.add(Keys.connection(connection));
    }
    for (Tracking.OpenService service : services(Whose.NOBODYS)) {
      unpinned.put(
          Keys.service(service),
          Culprits.describe(service) + ", and no test class's code created it");
    }
    for (Tracking.OpenConnection connection : connections(Whose.NOBODYS)) {
      unpinned.put(
          Keys.connection(connection),
          Culprits.describe(connection) + ", and no test class's code opened it");
    }
    session.saw(owner, look, present, unpinned);
  }
}
