package dev.tracker.daemon;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * The time of a daemon's background work, as Caffeine's {@code Ticker} and {@code Scheduler} are a
 * cache's: what the daemon reads to tell how long something has been (a connection idle, a health
 * answer fresh), and what starts its work once a delay has passed (the periodic sync, the debounced
 * export, the look for a changed {@code issues.jsonl}, the idle-connection watchdog).
 *
 * <p>A daemon built without one keeps its own, on real time: {@link System#nanoTime()} and one
 * timer thread ({@code tracker-daemon[<workspace>]-timer}) that it stops and joins when it closes.
 * {@link ManualScheduler} is the one tests drive: its time moves only when told to, and it runs
 * what became due before it returns, so no test waits for a schedule to fire.
 *
 * <pre>{@code
 * ManualScheduler time = new ManualScheduler();
 * try (TrackerDaemon daemon = TrackerDaemon.builder(config).scheduler(time).build().start()) {
 *   time.advance(config.syncInterval()); // the first periodic sync has run when this returns
 *   assertThat(daemon.syncs().count()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>What is not the scheduler's: timeouts that bound a wait for another thread or process ({@code
 * close()}'s close timeout and grace period, {@link Runs#await}'s timeout, a client's deadline).
 * They stay on real time, so that a daemon driven by a manual scheduler still stops.
 *
 * <p>Implementations are thread-safe: the daemon schedules from its connection threads and its
 * background thread at once.
 */
public interface Scheduler {

  /**
   * This scheduler's time in nanoseconds, from an arbitrary origin; it never goes back. Only the
   * difference of two readings means something, as for {@link System#nanoTime()}.
   */
  long nanoTime();

  /**
   * Hands the task to the executor once the delay has passed by {@link #nanoTime()}. A task whose
   * executor rejects it (one that is shutting down) is dropped.
   *
   * @param executor where the task runs; {@code Runnable::run} runs it on the scheduler's own
   *     thread, for a short task
   * @param task what runs
   * @param delay how long from now; zero or negative means at once
   * @return a future cancelled to call the task off; cancelling it once the task was handed to the
   *     executor does not stop the task
   */
  Future<?> schedule(Executor executor, Runnable task, Duration delay);
}
