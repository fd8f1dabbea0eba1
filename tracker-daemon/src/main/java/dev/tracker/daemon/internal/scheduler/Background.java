package dev.tracker.daemon.internal.scheduler;

import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerException;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.Scheduler;
import dev.tracker.daemon.internal.lifecycle.DaemonThreads;
import dev.tracker.daemon.internal.lifecycle.Deadline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every piece of work that touches {@code issues.jsonl} or git, on one thread ({@code
 * <prefix>-sync}), so that a sync, an export and an import never overlap and none of them waits on
 * a lock held by another:
 *
 * <ul>
 *   <li>a sync every {@code sync.interval} (fixed delay: a slow sync is not followed by a burst);
 *   <li>an export {@code export.debounce} after a mutation, moved back by each further mutation;
 *   <li>an import when a stat of {@code issues.jsonl} (size, mtime, inode) differs from the one
 *       taken after this thread last touched it, that is when someone else changed it;
 *   <li>the syncs, exports and imports clients ask for, waited for by their connection.
 * </ul>
 *
 * <p>With {@code sync.enabled} off none of the first three happens: the daemon never touches the
 * file by itself. Each run is recorded in a {@link RunLog}.
 *
 * <p>The first three are timed by the daemon's {@link Scheduler}, which hands each to this class's
 * one thread when it is due; the next periodic sync and look at the file are planned at the end of
 * the one before. Durations of runs are read on the scheduler's time too.
 */
public final class Background {

  private static final Logger LOG = LoggerFactory.getLogger(Background.class);
  private static final IssueFilter ONE = IssueFilter.builder().limit(1).build();

  private final TrackerService service;
  private final TrackerConfig config;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Duration pollInterval;
  private final ThreadPoolExecutor executor;
  private final RunLog<SyncResult> syncs;
  private final RunLog<ExportResult> exports;
  private final RunLog<ImportResult> imports;
  // mutations counted as they are answered; exportedUpTo: the count the last export covered
  private final AtomicLong mutations = new AtomicLong();
  // completed when the first read has ended, or the work stopped before it ran
  private final CompletableFuture<@Nullable Void> warmedUp = new CompletableFuture<>();
  private volatile long exportedUpTo;
  // guards the three plans and stopped; a plan is replaced, never changed
  private final Object schedule = new Object();
  private @Nullable Plan periodicSync;
  private @Nullable Plan poll;
  private @Nullable Plan pendingExport;
  private volatile boolean stopped;
  // set by start(): before it the executor has no thread, and a submit would start one
  private volatile boolean started;
  // the file as this daemon last wrote or read it: written by the thread that did (the background
  // thread, or a request's export or import), read by the poll, which imports any other version
  private volatile FileSnapshot snapshot;

  /** A task handed to the scheduler, and when it is due by the scheduler's time. */
  private record Plan(Future<?> future, long dueNanos) {}

  public Background(
      TrackerService service,
      DaemonThreads threads,
      Clock clock,
      Scheduler scheduler,
      Duration pollInterval) {
    this.service = service;
    this.config = service.config();
    this.clock = clock;
    this.scheduler = scheduler;
    this.pollInterval = pollInterval;
    this.snapshot = FileSnapshot.of(config.exportPath());
    this.executor =
        new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(), threads.factory("sync"));
    this.syncs = new RunLog<>("sync", () -> scheduledAt(() -> periodicSync));
    this.exports = new RunLog<>("export", () -> scheduledAt(() -> pendingExport));
    this.imports = new RunLog<>("import", Optional::empty);
  }

  public RunLog<SyncResult> syncs() {
    return syncs;
  }

  public RunLog<ExportResult> exports() {
    return exports;
  }

  public RunLog<ImportResult> imports() {
    return imports;
  }

  /** Opens the database in the background and, with sync enabled, starts the periodic work. */
  public void start() {
    snapshot = FileSnapshot.of(config.exportPath());
    synchronized (schedule) {
      started = true;
      executor.execute(this::warmUp);
      if (config.syncEnabled()) {
        periodicSync = plan(this::periodicSync, config.syncInterval());
        poll = plan(this::poll, pollInterval);
      }
    }
  }

  /**
   * Hands the work to the scheduler, to run on the background thread after the delay unless the
   * work stopped meanwhile (a task the scheduler handed over just before the stop is dropped).
   */
  private Plan plan(Runnable work, Duration delay) {
    Runnable task =
        () -> {
          if (!stopped) {
            work.run();
          }
        };
    long due = scheduler.nanoTime() + delay.toNanos();
    return new Plan(scheduler.schedule(executor, task, delay), due);
  }

  /** A call that may have changed issues was answered: export after the debounce. */
  public void mutated() {
    if (!config.syncEnabled()) {
      return; // sync disabled: the daemon does not write the file by itself
    }
    mutations.incrementAndGet();
    synchronized (schedule) {
      if (stopped) {
        return; // the shutdown flushes it
      }
      if (pendingExport != null) {
        pendingExport.future().cancel(false);
      }
      pendingExport = plan(this::debouncedExport, config.exportDebounce());
    }
  }

  /** Runs a sync now, after any running work, and waits for it. */
  public Run<SyncResult> syncNow() {
    return await(this::sync, "sync");
  }

  /**
   * Runs an export now, on the caller's thread, and returns when it has ended. Not after the
   * running work: a sync may be waiting for its remote for up to {@code sync.timeout}, and the
   * service lets an export go ahead while it waits (it holds the file only while it writes it).
   */
  public Run<ExportResult> exportNow() {
    return now(this::export, "export");
  }

  /** Runs an import of the file now, on the caller's thread, as {@link #exportNow()}. */
  public Run<ImportResult> importNow(Path file) {
    return now(() -> importFile(file), "import");
  }

  private <R> Run<R> now(Supplier<Run<R>> work, String what) {
    if (stopped) {
      throw new TrackerException("The daemon is stopping: no " + what + " runs any more");
    }
    return work.get();
  }

  private <R> Run<R> await(Callable<Run<R>> work, String what) {
    try {
      return executor.submit(work).get();
    } catch (RejectedExecutionException | CancellationException e) {
      // submitted after the shutdown began, or still queued when it cancelled the queue
      throw new TrackerException("The daemon is stopping: no " + what + " runs any more", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrackerException("Interrupted while waiting for the " + what, e);
    } catch (ExecutionException e) {
      // the work catches every RuntimeException: only an Error gets here
      throw new TrackerException("The " + what + " failed: " + e.getCause(), e);
    }
  }

  // ---- the work, on the background thread

  private void warmUp() {
    try {
      service.list(ONE);
    } catch (RuntimeException e) {
      LOG.warn("The database of {} is unavailable: {}", config.workspace(), e.getMessage());
    } finally {
      warmedUp.complete(null);
    }
  }

  /**
   * Waits until the first read, which opens the database, has ended (well or not), or the work was
   * stopped before it ran. A call that reads the database just to see it answer ({@code health})
   * waits for it rather than reading beside it: two reads at once take a second connection, which
   * the pool adds on a thread of its own that then sleeps 30 ms, and the daemon's stop waits for
   * that thread (it was most of a test class's daemon start and stop).
   */
  public void awaitWarmUp() {
    warmedUp.join();
  }

  /**
   * Waits until the work that is running or queued on the background thread now has ended: the
   * first read, a sync, an export or an import. The thread runs its work in order, so a no-op
   * queued behind it runs once all of it has ended. Work handed over later is not waited for.
   *
   * @return whether it ended within the timeout; true at once before {@link #start}; after {@link
   *     #stop}, whether the thread ended
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    if (!started) {
      return true;
    }
    Future<?> behind;
    try {
      behind = executor.submit(() -> {});
    } catch (RejectedExecutionException e) {
      // stopping or stopped: stop() lets the running work end
      return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    try {
      behind.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      behind.cancel(false);
      return false;
    } catch (ExecutionException | CancellationException e) {
      // cancelled by a stop that dropped the queue: nothing runs any more
      return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** A sync, then the next one an interval after its end (fixed delay: a slow sync is no burst). */
  private void periodicSync() {
    sync();
    synchronized (schedule) {
      if (!stopped) {
        periodicSync = plan(this::periodicSync, config.syncInterval());
      }
    }
  }

  private void poll() {
    importIfChanged();
    synchronized (schedule) {
      if (!stopped) {
        poll = plan(this::poll, pollInterval);
      }
    }
  }

  private Run<SyncResult> sync() {
    long run = syncs.begin();
    long covered = mutations.get();
    long start = scheduler.nanoTime();
    try {
      SyncResult result = service.sync();
      exported(covered);
      return syncs.record(run, finished(), since(start), result, null);
    } catch (RuntimeException e) {
      LOG.warn("Sync of {} failed: {}", config.workspace(), e.getMessage());
      return syncs.record(run, finished(), since(start), null, e);
    }
  }

  private void debouncedExport() {
    if (mutations.get() > exportedUpTo) {
      export();
    }
  }

  private Run<ExportResult> export() {
    long run = exports.begin();
    long covered = mutations.get();
    long start = scheduler.nanoTime();
    try {
      ExportResult result = service.exportJsonl();
      exported(covered);
      return exports.record(run, finished(), since(start), result, null);
    } catch (RuntimeException e) {
      LOG.warn("Export of {} failed: {}", config.workspace(), e.getMessage());
      return exports.record(run, finished(), since(start), null, e);
    }
  }

  private void importIfChanged() {
    FileSnapshot current = FileSnapshot.of(config.exportPath());
    if (current.equals(snapshot)) {
      return;
    }
    snapshot = current;
    if (current.exists()) {
      importFile(config.exportPath());
    }
  }

  private Run<ImportResult> importFile(Path file) {
    long run = imports.begin();
    long start = scheduler.nanoTime();
    try {
      ImportResult result = service.importJsonl(file);
      return imports.record(run, finished(), since(start), result, null);
    } catch (RuntimeException e) {
      LOG.warn("Import of {} failed: {}", file, e.getMessage());
      return imports.record(run, finished(), since(start), null, e);
    }
  }

  /** After this thread wrote the file: its own change is not one to import. */
  private Instant finished() {
    snapshot = FileSnapshot.of(config.exportPath());
    return clock.instant();
  }

  private void exported(long covered) {
    synchronized (schedule) {
      exportedUpTo = Math.max(exportedUpTo, covered);
      if (pendingExport != null && mutations.get() == covered) {
        pendingExport.future().cancel(false);
        pendingExport = null;
      }
    }
  }

  private Optional<Instant> scheduledAt(Supplier<@Nullable Plan> task) {
    synchronized (schedule) {
      Plan plan = task.get();
      if (stopped || plan == null || plan.future().isDone()) {
        return Optional.empty();
      }
      return Optional.of(clock.instant().plusNanos(plan.dueNanos() - scheduler.nanoTime()));
    }
  }

  // ---- shutdown

  /**
   * Cancels what is scheduled and waits for the running work (a sync in progress) to end.
   *
   * @return whether the background thread has ended its work before the deadline
   */
  public boolean stop(Deadline deadline) throws InterruptedException {
    synchronized (schedule) {
      stopped = true;
      for (Plan plan : new Plan[] {periodicSync, poll, pendingExport}) {
        if (plan != null) {
          plan.future().cancel(false);
        }
      }
    }
    executor.shutdown();
    try {
      if (executor.awaitTermination(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
        return true;
      }
      executor.shutdownNow();
      return false;
    } finally {
      // if it never ran (not started, or dropped from the queue), nobody waits for it any longer
      warmedUp.complete(null);
    }
  }

  /** Whether a change is still waiting for its export (sync enabled). */
  public boolean exportPending() {
    return config.syncEnabled() && mutations.get() > exportedUpTo;
  }

  /**
   * After {@link #stop} returned true: writes the export a mutation was still waiting for, on this
   * thread. Never while the background thread may still run, which would export beside it.
   */
  public void flushPendingExport() {
    if (exportPending()) {
      export();
    }
  }

  /** Fails whoever still waits for a run: there will be none. */
  public void closeLogs() {
    syncs.close();
    exports.close();
    imports.close();
  }

  private Duration since(long start) {
    return Duration.ofNanos(scheduler.nanoTime() - start);
  }
}
