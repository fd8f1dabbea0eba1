package dev.tracker.testkit;

import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.SyncResult;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.Runs;
import dev.tracker.daemon.TrackerDaemon;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits on a daemon's own events: the next sync, export or import to end. Never sleeps; fails with
 * an {@link AssertionError} that says what did not happen in time.
 *
 * <pre>{@code
 * @TrackerDaemonTest(syncEnabled = true) // with sync off, the daemon never exports by itself
 * class BackgroundExportTest {
 *
 *   @Test
 *   void a_change_is_exported_after_the_debounce(TrackerService tracker, TrackerDaemon daemon) {
 *     // asked for before the change: its export may end before a wait that starts after it
 *     CompletableFuture<Run<ExportResult>> next = daemon.exports().next();
 *     Issue issue = tracker.create("exported by the daemon");
 *
 *     Run<ExportResult> export =
 *         DaemonAwait.await(next, daemon.exports(), "export", DaemonAwait.DEFAULT_TIMEOUT);
 *
 *     assertThat(export.result().orElseThrow().path()).containsIssue(issue.id());
 *   }
 * }
 * }</pre>
 *
 * <p>The daemon exports by itself only when it syncs ({@code syncEnabled}), a debounce after a
 * change. Ask for the future before causing the event ({@code daemon.exports().next()}) when the
 * event may end before the wait starts, as above; {@link #nextSync}, {@link #nextExport} and {@link
 * #nextImport} wait for the next run that ends after they are called.
 */
public final class DaemonAwait {

  /** How long the helpers wait unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private DaemonAwait() {}

  /** Waits for the next sync to end and returns what it did; fails if it failed. */
  public static SyncResult nextSync(TrackerDaemon daemon) {
    return nextSync(daemon, DEFAULT_TIMEOUT);
  }

  /** Waits for the next sync to end and returns what it did; fails if it failed. */
  public static SyncResult nextSync(TrackerDaemon daemon, Duration timeout) {
    return succeeded("sync", nextRun(daemon.syncs(), "sync", timeout));
  }

  /** Waits for the next export to end and returns what it did; fails if it failed. */
  public static ExportResult nextExport(TrackerDaemon daemon) {
    return nextExport(daemon, DEFAULT_TIMEOUT);
  }

  /** Waits for the next export to end and returns what it did; fails if it failed. */
  public static ExportResult nextExport(TrackerDaemon daemon, Duration timeout) {
    return succeeded("export", nextRun(daemon.exports(), "export", timeout));
  }

  /** Waits for the next import to end and returns what it did; fails if it failed. */
  public static ImportResult nextImport(TrackerDaemon daemon) {
    return nextImport(daemon, DEFAULT_TIMEOUT);
  }

  /** Waits for the next import to end and returns what it did; fails if it failed. */
  public static ImportResult nextImport(TrackerDaemon daemon, Duration timeout) {
    return succeeded("import", nextRun(daemon.imports(), "import", timeout));
  }

  /** Waits for the next run of any kind to end and returns it, failed or not. */
  public static <R> Run<R> nextRun(Runs<R> runs, String what, Duration timeout) {
    return await(runs.next(), runs, what, timeout);
  }

  /** Waits on a future taken earlier from {@link Runs#next()}. */
  public static <R> Run<R> await(
      CompletableFuture<Run<R>> next, Runs<R> runs, String what, Duration timeout) {
    try {
      return next.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "No " + what + " ended within " + timeout + " (" + runs.count() + " ended before)", e);
    } catch (ExecutionException e) {
      throw new AssertionError(
          "The daemon stopped before the next " + what + " ended: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for a " + what, e);
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
