package dev.tracker.daemon;

import dev.tracker.daemon.internal.scheduler.RunLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The runs of one kind of background work of a daemon: how many ended, the last one, and ways to
 * wait for the next, so that a test never sleeps to see a sync happen.
 *
 * <pre>{@code
 * daemon.syncs().await(2, Duration.ofSeconds(10));   // the second periodic sync has ended
 * Run<ExportResult> export = daemon.exports().next().get(5, SECONDS);
 * }</pre>
 *
 * @param <R> what a run produces when it succeeds
 */
public sealed interface Runs<R> permits RunLog {

  /** How many runs have ended, failed ones included. */
  long count();

  /**
   * How many runs have started: those that ended and those running now. More than {@link #count()}
   * while a run is under way.
   */
  long started();

  /** The run that ended last, if any has. */
  Optional<Run<R>> last();

  /**
   * A future completed by the next run to end; it fails when the daemon stops first. Completing or
   * cancelling it affects no one else. A run already under way when this is called completes it: to
   * be sure a run saw what happened before the call, use {@link #nextStarting()}.
   */
  CompletableFuture<Run<R>> next();

  /**
   * A future completed by the end of the first run that starts after this call, never by one
   * already under way: the run it gives saw everything done before the call. It fails when the
   * daemon stops first. Completing or cancelling it affects no one else.
   *
   * <pre>{@code
   * tracker.create("in the next sync");
   * Run<SyncResult> sync = daemon.syncs().nextStarting().get(30, SECONDS);
   * }</pre>
   */
  CompletableFuture<Run<R>> nextStarting();

  /**
   * Waits until at least {@code n} runs have ended. Returns the {@code n}th when this call was
   * waiting as it ended, else the last one (when {@code n} runs had already ended, or several ended
   * at once).
   *
   * @throws dev.tracker.core.TrackerException if the timeout passes or the daemon stops first; the
   *     message says how many runs ended
   */
  Run<R> await(long n, Duration timeout);

  /** When the next run is scheduled to start by itself, if one is (a pending debounced export). */
  Optional<Instant> nextScheduled();
}
