package dev.tracker.daemon.internal.scheduler;

import dev.tracker.daemon.Scheduler;
import dev.tracker.daemon.internal.lifecycle.DaemonThreads;
import dev.tracker.daemon.internal.lifecycle.Deadline;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler a daemon keeps when it is given none: {@link System#nanoTime()}, and one timer
 * thread ({@code <prefix>-timer}, started with the first task) that hands each task to its executor
 * when it is due. The daemon stops it, and joins its thread, when it stops.
 */
public final class TimerScheduler implements Scheduler {

  private static final Logger LOG = LoggerFactory.getLogger(TimerScheduler.class);

  private final ScheduledThreadPoolExecutor timer;
  private final DaemonThreads threads;

  public TimerScheduler(DaemonThreads threads) {
    this.threads = threads;
    this.timer = new ScheduledThreadPoolExecutor(1, threads.factory("timer"));
    timer.setRemoveOnCancelPolicy(true); // a debounce reschedules often: keep the queue short
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Future<?> schedule(Executor executor, Runnable task, Duration delay) {
    try {
      return timer.schedule(() -> handOver(executor, task), nanos(delay), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the daemon is stopping: nothing runs any more
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void handOver(Executor executor, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("Dropping {}: its executor stopped", task);
    }
  }

  private static long nanos(Duration delay) {
    try {
      return Math.max(0, delay.toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // beyond 292 years: never, in practice
    }
  }

  /** Drops what is scheduled, lets a hand-over in progress finish, and waits for the thread. */
  public void stop(Deadline deadline) throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
    threads.join("timer", deadline);
  }
}
