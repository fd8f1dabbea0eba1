package dev.tracker.testkit;

import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.SyncResult;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.Runs;
import dev.tracker.daemon.TrackerDaemon;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits on a daemon's own events: the next sync, export or import to end, or none for a while.
 * Never sleeps; fails with an {@link AssertionError} that says what did or did not happen in time.
 *
 * <pre>{@code
 * @TrackerDaemonTest(syncEnabled = true, exportDebounce = "100ms")
 * class BackgroundExportTest {
 *
 *   @Test
 *   void a_change_is_exported_after_the_debounce(TrackerService tracker, TrackerDaemon daemon) {
 *     // taken before the change: the export it causes may start before a wait begun after it
 *     CompletableFuture<Run<ExportResult>> next = daemon.exports().nextStarting();
 *     Issue issue = tracker.create("exported by the daemon");
 *
 *     Run<ExportResult> export =
 *         DaemonAwait.await(next, daemon.exports(), "export", DaemonAwait.DEFAULT_TIMEOUT);
 *
 *     assertThat(export.result().orElseThrow().path()).containsIssue(issue.id());
 *     // one change, one export: the daemon does nothing more
 *     DaemonAwait.nothingHappensWithin(daemon, Duration.ofMillis(500));
 *   }
 * }
 * }</pre>
 *
 * <p><b>Which run.</b> {@link #nextSync}, {@link #nextExport} and {@link #nextImport} wait for the
 * first run that <em>starts</em> after they are called ({@link Runs#nextStarting()}), never one
 * already under way: what the test did before the call is in the run they return, so one call is
 * enough.
 *
 * <pre>{@code
 * tracker.create("in the next sync");
 * DaemonAwait.nextSync(daemon); // a periodic sync that started after the change
 * }</pre>
 *
 * <p>A run that the test's action causes may start before a wait begun after the action (an export
 * with a short debounce, the import of a file the test wrote): take the future before the action,
 * as in the first example, and wait on it with {@link #await}. {@link #nothingHappensWithin} says
 * what "nothing" is.
 *
 * <p>The daemon syncs, and exports after a change, by itself only with {@code syncEnabled}; with it
 * off a test sees only the runs it asks for.
 */
public final class DaemonAwait {

  /** How long the helpers wait unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private DaemonAwait() {}

  /**
   * Waits for the first sync that starts after this call to end and returns what it did; fails if
   * it failed.
   */
  public static SyncResult nextSync(TrackerDaemon daemon) {
    return nextSync(daemon, DEFAULT_TIMEOUT);
  }

  /**
   * Waits for the first sync that starts after this call to end and returns what it did; fails if
   * it failed, or if none ended within the timeout.
   */
  public static SyncResult nextSync(TrackerDaemon daemon, Duration timeout) {
    return succeeded("sync", nextRun(daemon.syncs(), "sync", timeout));
  }

  /**
   * Waits for the first export that starts after this call to end and returns what it did; fails if
   * it failed.
   */
  public static ExportResult nextExport(TrackerDaemon daemon) {
    return nextExport(daemon, DEFAULT_TIMEOUT);
  }

  /**
   * Waits for the first export that starts after this call to end and returns what it did; fails if
   * it failed, or if none ended within the timeout.
   */
  public static ExportResult nextExport(TrackerDaemon daemon, Duration timeout) {
    return succeeded("export", nextRun(daemon.exports(), "export", timeout));
  }

  /**
   * Waits for the first import that starts after this call to end and returns what it did; fails if
   * it failed.
   */
  public static ImportResult nextImport(TrackerDaemon daemon) {
    return nextImport(daemon, DEFAULT_TIMEOUT);
  }

  /**
   * Waits for the first import that starts after this call to end and returns what it did; fails if
   * it failed, or if none ended within the timeout.
   */
  public static ImportResult nextImport(TrackerDaemon daemon, Duration timeout) {
    return succeeded("import", nextRun(daemon.imports(), "import", timeout));
  }

  /**
   * Waits for the first run of these that starts after this call to end and returns it, failed or
   * not.
   *
   * @param what how the failure message names a run: {@code "sync"}
   */
  public static <R> Run<R> nextRun(Runs<R> runs, String what, Duration timeout) {
    return await(runs.nextStarting(), runs, what, timeout);
  }

  /**
   * Waits on a future taken earlier from {@link Runs#nextStarting()} or {@link Runs#next()}.
   *
   * @param what how the failure message names a run: {@code "export"}
   */
  public static <R> Run<R> await(
      CompletableFuture<Run<R>> next, Runs<R> runs, String what, Duration timeout) {
    try {
      return next.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      long ended = runs.count();
      long underWay = runs.started() - ended;
      throw new AssertionError(
          "No "
              + what
              + " ended within "
              + timeout
              + " ("
              + ended
              + " ended before"
              + (underWay > 0 ? ", " + underWay + " under way" : "")
              + ")",
          e);
    } catch (ExecutionException e) {
      throw new AssertionError(
          "The daemon stopped before the next " + what + " ended: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for a " + what, e);
    }
  }

  /**
   * Asserts that the daemon does nothing in the background for {@code window}, waiting on its runs
   * rather than sleeping: it fails as soon as a run ends, and passes when the window is over.
   *
   * <p><b>Nothing</b> means: no sync, export or import is under way when this is called, and none
   * starts before the window is over. That counts every run of the three kinds, whoever caused it:
   * the daemon's periodic sync, its export after a change, its import of a changed {@code
   * issues.jsonl}, and those a client asks for (the test's own included). It does not count what is
   * not a run: a request that reads or changes the database, a look at {@code issues.jsonl} that
   * finds it unchanged.
   *
   * <pre>{@code
   * tracker.create("stays in the database");
   * DaemonAwait.nothingHappensWithin(daemon, Duration.ofSeconds(1)); // sync off: no export
   * }</pre>
   *
   * <p>On manual time nothing is due unless the time moves: use {@link
   * #nothingHappensWithin(TrackerDaemon, ManualScheduler, Duration)}.
   *
   * @throws AssertionError naming the run that was under way or that started, or saying the daemon
   *     stopped, within the window
   * @throws IllegalArgumentException if the window is not positive
   */
  public static void nothingHappensWithin(TrackerDaemon daemon, Duration window) {
    requirePositive(window);
    // the futures before the counts: a run that starts in between is under way at the start
    List<Watched<?>> watched = watch(daemon);
    long start = System.nanoTime();
    try {
      watched.forEach(w -> w.requireIdle(daemon, window));
      CompletableFuture.anyOf(watched.stream().map(w -> w.next).toArray(CompletableFuture[]::new))
          .get(window.toNanos(), TimeUnit.NANOSECONDS);
      for (Watched<?> w : watched) {
        if (w.next.isDone() && !w.next.isCompletedExceptionally()) {
          throw w.happened(daemon, window, "ended " + millis(System.nanoTime() - start));
        }
      }
      throw new AssertionError("The daemon " + daemon.workspace() + " stopped within " + window);
    } catch (TimeoutException e) {
      // the window is over without a run ending; one may have started and still be under way
      watched.forEach(w -> w.requireNoneStarted(daemon, window));
    } catch (ExecutionException e) {
      throw new AssertionError(
          "The daemon " + daemon.workspace() + " stopped within " + window, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while watching the daemon for " + window, e);
    } finally {
      watched.forEach(w -> w.next.cancel(false));
    }
  }

  /**
   * Asserts that the daemon does nothing in the background while the test moves its time by {@code
   * window}: no sync, export or import is under way now, and none has started when {@link
   * ManualScheduler#advance} returns, which has run whatever fell due on the way. Nothing, and the
   * runs counted, as in {@link #nothingHappensWithin(TrackerDaemon, Duration)}.
   *
   * <pre>{@code
   * @TrackerDaemonTest(syncEnabled = true, syncInterval = "30s", manualTime = true)
   * ...
   * DaemonAwait.nothingHappensWithin(daemon, time, Duration.ofSeconds(29)); // not yet due
   * }</pre>
   *
   * @param time the daemon's scheduler, as injected with {@code manualTime = true}
   * @throws AssertionError naming the run that was under way or that started
   * @throws IllegalArgumentException if the window is not positive
   */
  public static void nothingHappensWithin(
      TrackerDaemon daemon, ManualScheduler time, Duration window) {
    requirePositive(window);
    List<Watched<?>> watched = watch(daemon);
    try {
      watched.forEach(w -> w.requireIdle(daemon, window));
      time.advance(window);
      watched.forEach(w -> w.requireNoneStarted(daemon, window));
    } finally {
      watched.forEach(w -> w.next.cancel(false));
    }
  }

  private static List<Watched<?>> watch(TrackerDaemon daemon) {
    return List.of(
        new Watched<>("sync", daemon.syncs()),
        new Watched<>("export", daemon.exports()),
        new Watched<>("import", daemon.imports()));
  }

  /** One kind of run, as it was when the watch began. */
  private static final class Watched<R> {
    final String what;
    final Runs<R> runs;
    final CompletableFuture<Run<R>> next;
    final long started;
    final long ended;

    Watched(String what, Runs<R> runs) {
      this.what = what;
      this.runs = runs;
      this.next = runs.nextStarting();
      this.started = runs.started();
      this.ended = runs.count();
    }

    void requireIdle(TrackerDaemon daemon, Duration window) {
      if (started > ended) {
        throw new AssertionError(
            "Expecting the daemon "
                + daemon.workspace()
                + " to do nothing for "
                + window
                + " but "
                + article()
                + what
                + " was under way when the window began ("
                + ended
                + " ended before)");
      }
    }

    void requireNoneStarted(TrackerDaemon daemon, Duration window) {
      long now = runs.started();
      if (now > started) {
        throw happened(daemon, window, now - started + " started");
      }
    }

    AssertionError happened(TrackerDaemon daemon, Duration window, String how) {
      return new AssertionError(
          "Expecting the daemon "
              + daemon.workspace()
              + " to do nothing for "
              + window
              + " but "
              + article()
              + what
              + " started within it ("
              + how
              + "; "
              + what
              + "s now: "
              + runs.started()
              + " started, "
              + runs.count()
              + " ended)");
    }

    private String article() {
      return what.equals("import") || what.equals("export") ? "an " : "a ";
    }
  }

  private static String millis(long nanos) {
    return "after " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }

  private static void requirePositive(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the window must be positive, was " + window);
    }
  }

  private static <R> R succeeded(String what, Run<R> run) {
    if (!run.succeeded() || run.result().isEmpty()) {
      AssertionError failure =
          new AssertionError(
              "Expecting the "
                  + what
                  + " #"
                  + run.number()
                  + " to succeed but it failed: "
                  + run.error().orElse("no result"));
      run.failure().ifPresent(failure::initCause);
      throw failure;
    }
    return run.result().get();
  }
}
