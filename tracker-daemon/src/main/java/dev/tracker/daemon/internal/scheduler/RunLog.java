package dev.tracker.daemon.internal.scheduler;

import dev.tracker.core.TrackerException;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.Runs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The count, the last run and the waiters of one kind of background work. Holds one run and one
 * future at a time, whatever the number of runs.
 */
public final class RunLog<R> implements Runs<R> {

  private final String kind;
  private final Supplier<Optional<Instant>> nextScheduled;
  private long count;
  private @Nullable Run<R> last;
  private CompletableFuture<Run<R>> next = new CompletableFuture<>();
  private boolean closed;

  RunLog(String kind, Supplier<Optional<Instant>> nextScheduled) {
    this.kind = kind;
    this.nextScheduled = nextScheduled;
  }

  /** Records a run that ended and wakes whoever waits for it. */
  Run<R> record(
      Instant finishedAt, Duration duration, @Nullable R result, @Nullable RuntimeException e) {
    Run<R> run;
    CompletableFuture<Run<R>> waiting;
    synchronized (this) {
      count++;
      run =
          new Run<>(
              count, finishedAt, duration, Optional.ofNullable(result), Optional.ofNullable(e));
      last = run;
      waiting = next;
      next = new CompletableFuture<>();
    }
    // outside the lock: dependents of the future run here
    waiting.complete(run);
    return run;
  }

  /** Fails every waiter: no run will come. */
  void close() {
    CompletableFuture<Run<R>> waiting;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      waiting = next;
    }
    waiting.completeExceptionally(stopped());
  }

  @Override
  public synchronized long count() {
    return count;
  }

  @Override
  public synchronized Optional<Run<R>> last() {
    return Optional.ofNullable(last);
  }

  @Override
  public synchronized CompletableFuture<Run<R>> next() {
    return next.copy();
  }

  @Override
  public Run<R> await(long n, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      CompletableFuture<Run<R>> waiting;
      synchronized (this) {
        if (count >= n && last != null) {
          return last;
        }
        waiting = next;
      }
      try {
        Run<R> run = waiting.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (run.number() >= n) {
          return run;
        }
      } catch (TimeoutException e) {
        throw new TrackerException(
            "No " + kind + " #" + n + " within " + timeout + ": " + count() + " so far");
      } catch (ExecutionException e) {
        throw new TrackerException(
            "No " + kind + " #" + n + ": the daemon stopped after " + count(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrackerException("Interrupted while waiting for " + kind + " #" + n, e);
      }
    }
  }

  @Override
  public Optional<Instant> nextScheduled() {
    return nextScheduled.get();
  }

  private TrackerException stopped() {
    return new TrackerException("The daemon stopped: no further " + kind + " will run");
  }

  @Override
  public synchronized String toString() {
    return kind + "s[count=" + count + ", last=" + last + "]";
  }
}
