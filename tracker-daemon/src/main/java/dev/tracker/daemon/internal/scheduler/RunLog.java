package dev.tracker.daemon.internal.scheduler;

import dev.tracker.core.TrackerException;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.Runs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The counts, the last run and the waiters of one kind of background work. Holds one run and one
 * future at a time, whatever the number of runs, and the futures of {@link #nextStarting()} until
 * the run they wait for ends.
 */
public final class RunLog<R> implements Runs<R> {

  private final String kind;
  private final Supplier<Optional<Instant>> nextScheduled;
  private long started;
  private final List<Follower<R>> followers = new ArrayList<>();
  private long count;
  private @Nullable Run<R> last;
  private CompletableFuture<Run<R>> next = new CompletableFuture<>();
  private boolean closed;

  RunLog(String kind, Supplier<Optional<Instant>> nextScheduled) {
    this.kind = kind;
    this.nextScheduled = nextScheduled;
  }

  /**
   * A future of {@link #nextStarting()}: for the first run whose start number is above {@code
   * after}.
   */
  private record Follower<R>(long after, CompletableFuture<Run<R>> future) {}

  /**
   * A run starts: counts it.
   *
   * @return its start number, which {@link #record} takes back when it ends
   */
  long begin() {
    synchronized (this) {
      return ++started;
    }
  }

  /**
   * Records a run that ended and wakes whoever waits for it.
   *
   * @param start what {@link #begin()} returned when the run started
   */
  Run<R> record(
      long start,
      Instant finishedAt,
      Duration duration,
      @Nullable R result,
      @Nullable RuntimeException e) {
    Run<R> run;
    CompletableFuture<Run<R>> waiting;
    List<CompletableFuture<Run<R>>> followed = new ArrayList<>();
    synchronized (this) {
      count++;
      run =
          new Run<>(
              count, finishedAt, duration, Optional.ofNullable(result), Optional.ofNullable(e));
      last = run;
      waiting = next;
      next = new CompletableFuture<>();
      for (Iterator<Follower<R>> i = followers.iterator(); i.hasNext(); ) {
        Follower<R> follower = i.next();
        if (follower.after() < start) {
          followed.add(follower.future());
          i.remove();
        }
      }
    }
    // outside the lock: dependents of the futures run here. The followers first, so that whoever
    // saw next() complete knows the followers this run completes are complete too.
    followed.forEach(future -> future.complete(run));
    waiting.complete(run);
    return run;
  }

  /** Fails every waiter: no run will come. */
  void close() {
    CompletableFuture<Run<R>> waiting;
    List<Follower<R>> left;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      waiting = next;
      left = List.copyOf(followers);
      followers.clear();
    }
    left.forEach(follower -> follower.future().completeExceptionally(stopped()));
    waiting.completeExceptionally(stopped());
  }

  @Override
  public synchronized long count() {
    return count;
  }

  @Override
  public synchronized long started() {
    return started;
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
  public CompletableFuture<Run<R>> nextStarting() {
    CompletableFuture<Run<R>> future = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        future.completeExceptionally(stopped());
        return future;
      }
      // futures given up on (cancelled, or completed by their holder) are not kept
      followers.removeIf(follower -> follower.future().isDone());
      followers.add(new Follower<>(started, future));
    }
    return future;
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
    return kind + "s[started=" + started + ", count=" + count + ", last=" + last + "]";
  }
}
