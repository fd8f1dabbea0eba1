package dev.tracker.daemon;

import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.core.ValidationException;
import dev.tracker.core.Version;
import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.daemon.internal.lifecycle.DaemonThreads;
import dev.tracker.daemon.internal.lifecycle.Deadline;
import dev.tracker.daemon.internal.lifecycle.ShutdownSteps;
import dev.tracker.daemon.internal.lock.DaemonLock;
import dev.tracker.daemon.internal.rpc.DaemonInfo;
import dev.tracker.daemon.internal.rpc.Dispatcher;
import dev.tracker.daemon.internal.scheduler.Background;
import dev.tracker.daemon.internal.scheduler.TimerScheduler;
import dev.tracker.daemon.internal.server.PrivateDirectory;
import dev.tracker.daemon.internal.server.SocketPaths;
import dev.tracker.daemon.internal.server.SocketServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon of one workspace: serves its tracker over the JSON-RPC protocol on a Unix domain
 * socket, syncs it periodically, exports shortly after changes and imports {@code issues.jsonl}
 * when it changes underneath. It owns an embedded {@link TrackerService} for the workspace.
 *
 * <pre>{@code
 * try (TrackerDaemon daemon = new TrackerDaemon(TrackerConfig.load(workspace)).start()) {
 *   // clients connect to daemon.socket(); daemon.syncs().await(1, Duration.ofMinutes(1));
 *   daemon.awaitTermination(Duration.ofDays(365)); // until a client sends "stop"
 * }
 * }</pre>
 *
 * <p><b>Files.</b> {@link #start()} makes {@code .tracker} 0700, takes an OS file lock on {@code
 * .tracker/daemon.pid} (which holds the pid, and which nothing else may open while the daemon
 * runs), writes its pid, socket, version and start time into {@code .tracker/daemon.lock} for
 * clients, and binds {@code .tracker/daemon.sock} (0600); a socket path longer than 100 bytes goes
 * to {@code $XDG_RUNTIME_DIR/tracker} or {@code /tmp/tracker-<user>} instead. A lock held by a live
 * daemon fails the start with {@link DaemonAlreadyRunningException}; files a killed daemon left
 * behind are replaced. Closing deletes the socket and {@code daemon.lock}, then lets the lock go.
 *
 * <p><b>Threads</b>, all named {@code tracker-daemon[<workspace directory>]-<job>}: {@code accept};
 * {@code conn-<n>}, one per connection, at most {@link #DEFAULT_MAX_CONNECTIONS} (a connection
 * beyond gets one error line, code -32000, and is closed); {@code sync}, the one thread for syncs,
 * exports and imports; {@code timer}, which starts the periodic sync, the debounced export and the
 * look for a changed file when they are due, and closes connections idle for {@link
 * #DEFAULT_IDLE_TIMEOUT} (not started when the daemon is given a {@link Scheduler}); {@code stop},
 * which runs a shutdown asked for by {@link #stopAsync()}. Besides them the service's database pool
 * has its own ({@code tracker-db[...]}), closed and joined with it.
 *
 * <p><b>Time.</b> Everything the daemon does by itself when time passes is timed by its {@link
 * Scheduler}: real time unless {@link Builder#scheduler} gives another, such as the {@link
 * ManualScheduler} of tests.
 *
 * <p><b>Shutdown</b> ({@link #close()}, or {@link #stopAsync()} and {@link #awaitTermination}), in
 * this order, each step waiting for the one before: stop accepting; let requests in progress finish
 * within the grace period; close the connections and wait for their threads; cancel the scheduled
 * work and wait for a running sync; write an export a change still waits for (unless the sync is
 * still running at the close timeout: then it is not written, and {@code close()} says so); close
 * the service; delete the socket; delete and release the lock. {@code close()} is idempotent and
 * returns when every thread of the daemon has ended, or throws {@link DaemonShutdownException}
 * naming those still alive after the close timeout.
 */
public final class TrackerDaemon implements AutoCloseable {

  /** Connections served at once unless configured. */
  public static final int DEFAULT_MAX_CONNECTIONS = 32;

  /** How long a connection may stay silent before it is closed, unless configured. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  /** How long a shutdown lets requests in progress finish, unless configured. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

  /** How long {@link #close()} waits for the whole shutdown, unless configured. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /** How often {@code issues.jsonl} is checked for changes made underneath, unless configured. */
  public static final Duration DEFAULT_IMPORT_POLL_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(TrackerDaemon.class);

  private enum State {
    NEW,
    RUNNING,
    STOPPING,
    TERMINATED
  }

  private final TrackerConfig config;
  private final Builder settings;
  private final TrackerService service;
  private final DaemonThreads threads;
  private final Scheduler scheduler;
  // the daemon's own timer, when it was given no scheduler; stopped with it
  private final @Nullable TimerScheduler timer;
  private final Background background;
  private final Path socket;
  private final long pid = ProcessHandle.current().pid();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  // changed under lifecycle; read without it, so that no thread of the daemon waits on the lock
  private volatile State state = State.NEW;
  private volatile @Nullable DaemonLock lock;
  private volatile @Nullable SocketServer server;
  // set by the shutdown when a change waiting for its export could not be exported
  private volatile @Nullable String unexported;

  /** A daemon for the workspace of the configuration, with the default limits; not started. */
  public TrackerDaemon(TrackerConfig config) {
    this(builder(config));
  }

  private TrackerDaemon(Builder settings) {
    this.config = settings.config;
    this.settings = settings;
    Path workspace = config.workspace();
    this.threads =
        new DaemonThreads(
            workspace.getFileName() == null
                ? workspace.toString()
                : workspace.getFileName().toString());
    this.service = TrackerService.embedded(config);
    Scheduler given = settings.scheduler;
    if (given == null) {
      TimerScheduler own = new TimerScheduler(threads);
      this.timer = own;
      this.scheduler = own;
    } else {
      this.timer = null;
      this.scheduler = given;
    }
    this.background =
        new Background(service, threads, settings.clock, scheduler, settings.importPollInterval);
    Path runtime =
        settings.runtimeDirectory != null
            ? settings.runtimeDirectory
            : SocketPaths.defaultRuntimeDirectory(System.getenv());
    this.socket = SocketPaths.choose(config.trackerDirectory(), workspace, runtime);
  }

  /** Starts a daemon configuration with limits other than the defaults. */
  public static Builder builder(TrackerConfig config) {
    return new Builder(config);
  }

  /**
   * Takes the workspace's lock, binds the socket and starts the threads; returns once the socket
   * accepts connections. The database is opened in the background: a database that cannot be opened
   * does not fail the start, {@code health} and {@code status} report it.
   *
   * @return this daemon
   * @throws DaemonAlreadyRunningException if another daemon serves the workspace
   * @throws dev.tracker.core.StorageException if the lock or the socket cannot be created
   * @throws IllegalStateException if this daemon was started or closed before
   */
  public TrackerDaemon start() {
    synchronized (lifecycle) {
      if (state != State.NEW) {
        throw new IllegalStateException("A daemon starts once; this one is " + state);
      }
      Instant startedAt = settings.clock.instant();
      try {
        Path directory = PrivateDirectory.ensure(config.trackerDirectory(), false);
        Path socketDirectory = Objects.requireNonNull(socket.getParent());
        if (SocketPaths.inRuntimeDirectory(socket, directory)) {
          PrivateDirectory.ensure(socketDirectory, true);
        }
        DaemonLock taken =
            DaemonLock.acquire(
                directory,
                config.workspace(),
                new DaemonFiles.Lock(pid, socket, Version.current(), startedAt));
        lock = taken;
        taken.stale().ifPresent(stale -> SocketPaths.deleteStale(stale.socket()));
        DaemonInfo info =
            new DaemonInfo(
                pid,
                config.workspace(),
                Version.current(),
                startedAt,
                settings.clock,
                this::isRunning,
                this::connections);
        SocketServer bound =
            SocketServer.bind(
                socket,
                settings.maxConnections,
                settings.idleTimeout,
                new Dispatcher(service, background, info, scheduler::nanoTime, this::stopAsync),
                scheduler,
                threads);
        server = bound;
        background.start();
        bound.start();
        state = State.RUNNING;
        LOG.info("Daemon of {} serves {} (pid {})", config.workspace(), socket, pid);
        return this;
      } catch (RuntimeException e) {
        state = State.STOPPING;
        shutdown();
        throw e;
      }
    }
  }

  /** Whether the daemon is serving: started, and no stop asked for yet. */
  public boolean isRunning() {
    return state == State.RUNNING;
  }

  /** The configuration the daemon and its service run with. */
  public TrackerConfig config() {
    return config;
  }

  /** The workspace the daemon serves. */
  public Path workspace() {
    return config.workspace();
  }

  /** Where the socket is (or will be, before {@link #start()}); also written in the lock file. */
  public Path socket() {
    return socket;
  }

  /** The pid the lock file names: this process's. */
  public long pid() {
    return pid;
  }

  /** The start of the name of every thread the daemon starts: {@code tracker-daemon[<dir>]}. */
  public String threadNamePrefix() {
    return threads.prefix();
  }

  /** How many client connections are open. */
  public int connections() {
    SocketServer current = server;
    return current == null ? 0 : current.connections();
  }

  /** The syncs that ran: periodic ones and those clients asked for. */
  public Runs<SyncResult> syncs() {
    return background.syncs();
  }

  /** The exports that ran: debounced ones after changes, those asked for, the one at shutdown. */
  public Runs<ExportResult> exports() {
    return background.exports();
  }

  /** The imports that ran: when {@code issues.jsonl} changed underneath, and those asked for. */
  public Runs<ImportResult> imports() {
    return background.imports();
  }

  /**
   * Waits until the background work that is running or waiting to run now has ended: the first read
   * of the database after {@link #start()}, and any sync, export or import under way or asked for.
   * Work the scheduler hands over afterwards (a periodic sync that falls due) is not waited for.
   * After it returns true, nothing the daemon began by itself before the call still holds its
   * database or its files; the testkit's leak check waits for this before it counts the pool
   * connections in use.
   *
   * <pre>{@code
   * assertThat(daemon.awaitIdle(Duration.ofSeconds(10))).isTrue();
   * }</pre>
   *
   * @return whether that work ended within the timeout; true at once if the daemon never started,
   *     and after the stop once the background thread has ended
   */
  public boolean awaitIdle(Duration timeout) {
    try {
      return background.awaitIdle(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Starts the ordered shutdown on a thread of its own ({@code ...-stop}) and returns; what the
   * {@code stop} method calls. Does nothing if a shutdown already began.
   */
  public void stopAsync() {
    synchronized (lifecycle) {
      if (state == State.NEW) {
        closeUnstarted();
      } else if (state == State.RUNNING) {
        state = State.STOPPING;
        threads.start("stop", this::shutdown);
      }
    }
  }

  /**
   * Waits until the daemon has stopped and every thread it started has ended.
   *
   * @return whether that happened within the timeout
   */
  public boolean awaitTermination(Duration timeout) {
    Deadline deadline = Deadline.after(timeout);
    try {
      if (!terminated.await(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
        return false;
      }
      return threads.joinAll(deadline).isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs the ordered shutdown (or waits for the one under way) and returns when every thread the
   * daemon started has ended. Idempotent. The shutdown runs on the daemon's {@code stop} thread, so
   * that a step that hangs (a call stuck in the database) cannot hold the caller past the timeout.
   *
   * @throws DaemonShutdownException if the daemon has not stopped, or threads of it are still
   *     alive, after the close timeout; the message names each thread with its stack. The shutdown
   *     goes on in the background, and a later {@code close()} waits for it again. Also (then and
   *     later) when a change waiting for its export was not exported, because the background work
   *     was still running at the close timeout.
   */
  @Override
  public void close() {
    stopAsync();
    boolean ended = awaitTermination(settings.closeTimeout);
    String lost = unexported;
    if (ended && lost == null) {
      return;
    }
    List<Thread> alive = ended ? List.of() : threads.alive();
    String message =
        "The daemon of "
            + config.workspace()
            + (ended
                ? " stopped, but " + lost
                : (terminated.getCount() > 0 ? " has not stopped" : " stopped, but")
                    + " after "
                    + settings.closeTimeout
                    + DaemonThreads.describe(alive)
                    + (lost == null ? "" : "\nAnd " + lost));
    throw new DaemonShutdownException(message, alive.stream().map(Thread::getName).toList());
  }

  private void closeUnstarted() {
    state = State.TERMINATED;
    background.closeLogs();
    service.close();
    if (timer != null) {
      try {
        timer.stop(Deadline.after(settings.closeTimeout)); // started no thread: returns at once
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    terminated.countDown();
  }

  /**
   * The ordered shutdown; also undoes a failed start, where {@link #server} or {@link #lock} may be
   * missing. An interrupt does not cut it short: the files must go and the threads must end either
   * way; the flag is restored at the end.
   */
  private void shutdown() {
    Deadline deadline = Deadline.after(settings.closeTimeout);
    SocketServer current = server;
    DaemonLock held = lock;
    ShutdownSteps steps = new ShutdownSteps(config.workspace());
    try {
      if (current != null) {
        steps.run("stop accepting", () -> current.stopAccepting(deadline));
        steps.run(
            "let requests in progress finish",
            () -> {
              if (!current.drain(deadline.within(settings.shutdownGrace))) {
                LOG.warn(
                    "Requests still in progress after {}: closing them", settings.shutdownGrace);
              }
            });
        steps.run("close connections", () -> current.closeConnections(deadline));
      }
      AtomicBoolean backgroundEnded = new AtomicBoolean();
      steps.run(
          "stop the background work",
          () -> {
            backgroundEnded.set(background.stop(deadline));
            if (!backgroundEnded.get()) {
              LOG.warn("The background work of {} did not end in time", config.workspace());
            }
          });
      TimerScheduler ownTimer = timer;
      if (ownTimer != null) {
        steps.run("stop the timer", () -> ownTimer.stop(deadline));
      }
      if (backgroundEnded.get()) {
        steps.run("flush a pending export", background::flushPendingExport);
      } else if (background.exportPending()) {
        // exporting here would run beside the sync still under way, and on this thread
        unexported =
            "a change was not exported to "
                + config.exportPath()
                + ": the background work (a sync, export or import) was still running at the"
                + " close timeout; the next sync or export of the workspace writes it";
        LOG.error("The daemon of {} stops, but {}", config.workspace(), unexported);
      }
      steps.run("fail waiters", background::closeLogs);
      steps.run("close the tracker service", service::close);
      if (current != null) {
        steps.run("delete the socket", current::deleteSocket);
      }
      if (held != null) {
        steps.run("release the lock", held::releaseAndDelete);
      }
      steps.run("wait for the daemon's threads", () -> threads.joinAll(deadline));
    } finally {
      synchronized (lifecycle) {
        state = State.TERMINATED;
      }
      terminated.countDown();
      steps.restoreInterrupt();
      LOG.info("Daemon of {} stopped", config.workspace());
    }
  }

  @Override
  public String toString() {
    return "TrackerDaemon[" + config.workspace() + ", " + socket + "]";
  }

  /**
   * Settings of a {@link TrackerDaemon} beyond its {@link TrackerConfig}: limits and timeouts.
   * {@link #build()} checks them.
   */
  public static final class Builder {
    private final TrackerConfig config;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Duration importPollInterval = DEFAULT_IMPORT_POLL_INTERVAL;
    private @Nullable Scheduler scheduler;
    private Clock clock;
    private @Nullable Path runtimeDirectory;

    private Builder(TrackerConfig config) {
      this.config = config;
      this.clock = config.clock();
    }

    /** How many connections are served at once; at least 1. A connection beyond is refused. */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** How long a connection may stay silent before it is closed; positive. */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** How long a shutdown lets requests in progress finish; not negative. */
    public Builder shutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    /** How long {@link TrackerDaemon#close()} waits for the shutdown; positive. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
      return this;
    }

    /** How often {@code issues.jsonl} is checked for changes made underneath; positive. */
    public Builder importPollInterval(Duration importPollInterval) {
      this.importPollInterval = importPollInterval;
      return this;
    }

    /**
     * The time of the daemon's background work: when the periodic sync, the debounced export and
     * the look for a changed {@code issues.jsonl} start, when a connection counts as idle, how long
     * a {@code health} answer stays fresh. Without one, the daemon keeps its own on real time, with
     * a timer thread it stops and joins when it closes. A scheduler given here is the caller's: the
     * daemon cancels what it scheduled on it when it stops, and nothing else.
     *
     * <pre>{@code
     * ManualScheduler time = new ManualScheduler();
     * TrackerDaemon daemon = TrackerDaemon.builder(config).scheduler(time).build().start();
     * time.advance(config.syncInterval()); // returns once the periodic sync has run
     * }</pre>
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The clock of the start time, the uptime and the runs' times; tests set it. */
    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Where a socket whose usual path is too long goes; tests set it. */
    Builder runtimeDirectory(Path runtimeDirectory) {
      this.runtimeDirectory = runtimeDirectory.toAbsolutePath();
      return this;
    }

    /**
     * Builds the daemon, not started.
     *
     * @throws ValidationException naming the setting and its value when one is out of range
     */
    public TrackerDaemon build() {
      if (maxConnections < 1) {
        throw invalid("maxConnections", maxConnections, "must be at least 1");
      }
      requirePositive("idleTimeout", idleTimeout);
      requirePositive("closeTimeout", closeTimeout);
      requirePositive("importPollInterval", importPollInterval);
      if (shutdownGrace.isNegative()) {
        throw invalid("shutdownGrace", shutdownGrace, "must not be negative");
      }
      return new TrackerDaemon(this);
    }

    private static void requirePositive(String name, Duration value) {
      if (value.isZero() || value.isNegative()) {
        throw invalid(name, value, "must be positive");
      }
    }

    private static ValidationException invalid(String name, Object value, String requirement) {
      return new ValidationException(name + " " + requirement + ", was '" + value + "'");
    }
  }
}
