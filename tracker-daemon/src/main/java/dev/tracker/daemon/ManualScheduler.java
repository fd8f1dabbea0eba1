package dev.tracker.daemon;

import java.time.Duration;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Scheduler} whose time moves only when a test says so, and which runs what became due
 * before it returns: the deterministic time of the daemon's tests, and of users' tests of code that
 * runs a daemon. It starts no thread.
 *
 * <pre>{@code
 * ManualScheduler time = new ManualScheduler();
 * TrackerConfig config = TrackerConfig.builder(workspace).exportDebounce(Duration.ofSeconds(1)).build();
 * try (TrackerDaemon daemon = TrackerDaemon.builder(config).scheduler(time).build().start();
 *     TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
 *   tracker.create("exported after the debounce");
 *   time.advance(Duration.ofMillis(999));
 *   assertThat(daemon.exports().count()).isZero();
 *   time.advance(Duration.ofMillis(1));   // the export has run when this returns
 *   assertThat(daemon.exports().count()).isOne();
 * }
 * }</pre>
 *
 * <p><b>How {@link #advance} runs tasks.</b> One at a time, in the order of their due time (tasks
 * due at the same time in the order they were scheduled). For each, the time is set to its due
 * time, the task is handed to its executor, and {@code advance} waits until the task has ended
 * before it looks for the next: a task may schedule another (a periodic sync schedules the next),
 * which runs in the same {@code advance} if it falls due within it. So the daemon's work still runs
 * on the daemon's own thread ({@code -sync}, where a sync never overlaps an export), and a task
 * scheduled with {@code Runnable::run} (the idle-connection watchdog) runs on the thread that calls
 * {@code advance}. When {@code advance} returns, the time is the one asked for, and nothing due is
 * left.
 *
 * <p>Only the daemon's background work moves with this time; requests are answered as they come,
 * and the timeouts that bound waits for other threads stay on real time (see {@link Scheduler}).
 * {@link #nanoTime()} and {@link #schedule} may be called from any thread; calls to {@code advance}
 * run one after the other. Never call {@code advance} from a task: it would wait for itself.
 */
public final class ManualScheduler implements Scheduler {

  /**
   * How long {@link #advance} waits for one task to end on its executor before it gives up: far
   * beyond any task of a test (a sync against a local remote takes milliseconds), there so that a
   * stuck task fails the test instead of hanging it.
   */
  public static final Duration TASK_PATIENCE = Duration.ofMinutes(1);

  private final Object lock = new Object();
  private final ReentrantLock advancing = new ReentrantLock();
  // guarded by lock
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long sequence;
  // written under lock, read without it
  private volatile long now;

  /** A scheduler at time 0 with nothing scheduled. */
  public ManualScheduler() {}

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Future<?> schedule(Executor executor, Runnable task, Duration delay) {
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(delay, "delay");
    synchronized (lock) {
      Task scheduled = new Task(later(now, delay), sequence++, executor, task);
      queue.add(scheduled);
      return scheduled;
    }
  }

  /**
   * Moves the time forward by the duration, running each task that falls due on the way at its due
   * time and waiting for it to end (see the class description); returns when the time is the one
   * asked for. {@code advance(Duration.ZERO)} runs what is due now.
   *
   * @throws IllegalArgumentException if the duration is negative
   * @throws IllegalStateException if a task has not ended {@link #TASK_PATIENCE} after it was
   *     handed to its executor, or the waiting thread is interrupted (its flag is set again); the
   *     time stays at that task's
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "The time moves forward only: cannot advance by " + duration);
    }
    advancing.lock();
    try {
      long target;
      synchronized (lock) {
        target = later(now, duration);
      }
      while (true) {
        Task due;
        synchronized (lock) {
          due = queue.peek();
          if (due == null || due.due > target) {
            now = target;
            return;
          }
          queue.poll();
          now = Math.max(now, due.due);
          due.handedOver = true;
        }
        due.runAndWait();
      }
    } finally {
      advancing.unlock();
    }
  }

  /** The time this long after {@code time}; a delay beyond the end of time is the end of time. */
  private static long later(long time, Duration delay) {
    if (delay.isNegative()) {
      return time;
    }
    long nanos;
    try {
      nanos = delay.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // beyond 292 years
    }
    return nanos > Long.MAX_VALUE - time ? Long.MAX_VALUE : time + nanos;
  }

  /** How many tasks wait for their time: scheduled, and neither run nor cancelled. */
  public int scheduled() {
    synchronized (lock) {
      return queue.size();
    }
  }

  @Override
  public String toString() {
    return "ManualScheduler[at " + Duration.ofNanos(now) + ", " + scheduled() + " scheduled]";
  }

  /** One scheduled task; its future is cancelled until handed over, then tells when it ended. */
  private final class Task implements Future<@Nullable Void>, Comparable<Task> {
    private final long due;
    private final long order;
    private final Executor executor;
    private final Runnable work;
    private final CompletableFuture<@Nullable Void> ended = new CompletableFuture<>();
    // guarded by lock
    private boolean handedOver;

    Task(long due, long order, Executor executor, Runnable work) {
      this.due = due;
      this.order = order;
      this.executor = executor;
      this.work = work;
    }

    @Override
    public int compareTo(Task other) {
      int byTime = Long.compare(due, other.due);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }

    void runAndWait() {
      try {
        executor.execute(
            () -> {
              try {
                work.run();
              } finally {
                ended.complete(null);
              }
            });
      } catch (RejectedExecutionException e) {
        ended.completeExceptionally(e); // an executor that stopped: the task is dropped
        return;
      }
      try {
        ended.get(TASK_PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "A task due at "
                + Duration.ofNanos(due)
                + " had not ended "
                + TASK_PATIENCE
                + " after it was handed to its executor: "
                + work,
            e);
      } catch (ExecutionException e) {
        // completed only normally once handed over
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "Interrupted while waiting for the task due at " + Duration.ofNanos(due), e);
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      synchronized (lock) {
        if (handedOver || ended.isCancelled()) {
          return false;
        }
        queue.remove(this);
        return ended.cancel(false);
      }
    }

    @Override
    public boolean isCancelled() {
      return ended.isCancelled();
    }

    @Override
    public boolean isDone() {
      return ended.isDone();
    }

    @Override
    public @Nullable Void get() throws InterruptedException, ExecutionException {
      return ended.get();
    }

    @Override
    public @Nullable Void get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return ended.get(timeout, unit);
    }

    @Override
    public String toString() {
      return "Task[due " + Duration.ofNanos(due) + ", " + work + "]";
    }
  }
}
