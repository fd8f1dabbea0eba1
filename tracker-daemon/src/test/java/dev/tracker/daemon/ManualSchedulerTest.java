package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler tests drive: its time moves when told, and it runs what fell due on the way. */
// what the tests look at is what ran and when; the futures of most tasks are of no interest
@SuppressWarnings("FutureReturnValueIgnored")
class ManualSchedulerTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ManualScheduler time = new ManualScheduler();
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(work -> new Thread(work, "ManualSchedulerTest-worker"));

  @AfterEach
  void stopWorker() throws InterruptedException {
    worker.shutdownNow();
    assertThat(worker.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  private Runnable record(String name) {
    return () -> ran.add(name + "@" + Duration.ofNanos(time.nanoTime()).toMillis());
  }

  @Test
  void the_time_starts_at_zero_and_moves_only_when_advanced() {
    assertThat(time.nanoTime()).isZero();

    time.advance(Duration.ofMillis(1500));

    assertThat(time.nanoTime()).isEqualTo(Duration.ofMillis(1500).toNanos());
  }

  @Test
  void advance_runs_each_task_that_fell_due_in_order_at_its_due_time() {
    time.schedule(Runnable::run, record("third"), Duration.ofSeconds(3));
    time.schedule(Runnable::run, record("first"), Duration.ofSeconds(1));
    time.schedule(Runnable::run, record("second"), Duration.ofSeconds(2));
    time.schedule(Runnable::run, record("second, scheduled later"), Duration.ofSeconds(2));

    time.advance(Duration.ofSeconds(2));

    assertThat(ran).containsExactly("first@1000", "second@2000", "second, scheduled later@2000");
    assertThat(time.scheduled()).isOne();

    time.advance(Duration.ofMillis(999));
    assertThat(ran).hasSize(3);
    time.advance(Duration.ofMillis(1));
    assertThat(ran).endsWith("third@3000");
    assertThat(time.scheduled()).isZero();
  }

  @Test
  void a_task_that_schedules_another_sees_it_run_in_the_same_advance_when_it_falls_due() {
    Runnable[] periodic = new Runnable[1];
    periodic[0] =
        () -> {
          record("tick").run();
          time.schedule(Runnable::run, periodic[0], Duration.ofSeconds(1));
        };
    time.schedule(Runnable::run, periodic[0], Duration.ofSeconds(1));

    time.advance(Duration.ofMillis(3500));

    assertThat(ran).containsExactly("tick@1000", "tick@2000", "tick@3000");
    assertThat(time.scheduled()).isOne();
  }

  @Test
  void advance_zero_runs_what_is_due_now() {
    time.schedule(Runnable::run, record("now"), Duration.ZERO);
    time.schedule(Runnable::run, record("in the past"), Duration.ofSeconds(-5));

    time.advance(Duration.ZERO);

    assertThat(ran).containsExactly("now@0", "in the past@0");
  }

  @Test
  void a_task_runs_on_its_executor_and_advance_returns_only_once_it_has_ended() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> thread = new AtomicReference<>();
    AtomicBoolean ended = new AtomicBoolean();
    time.schedule(
        worker,
        () -> {
          thread.set(Thread.currentThread().getName());
          started.countDown();
          awaitQuietly(release);
          ended.set(true);
        },
        Duration.ofSeconds(1));

    CompletableFuture<Void> advancing =
        CompletableFuture.runAsync(() -> time.advance(Duration.ofSeconds(1)));
    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    // the task holds its executor's thread until released: advance cannot have returned
    assertThat(advancing).isNotDone();

    release.countDown();
    advancing.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(ended).isTrue();
    assertThat(thread).hasValue("ManualSchedulerTest-worker");
  }

  @Test
  void a_cancelled_task_never_runs() {
    Future<?> cancelled = time.schedule(Runnable::run, record("cancelled"), Duration.ofSeconds(1));
    Future<?> kept = time.schedule(Runnable::run, record("kept"), Duration.ofSeconds(1));

    assertThat(cancelled.cancel(false)).isTrue();
    assertThat(time.scheduled()).isOne();
    time.advance(Duration.ofSeconds(1));

    assertThat(ran).containsExactly("kept@1000");
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(kept.isDone()).isTrue();
    assertThat(kept.cancel(false)).as("cancelling a task that ran").isFalse();
  }

  @Test
  void a_task_whose_executor_stopped_is_dropped() {
    worker.shutdown();
    time.schedule(worker, record("dropped"), Duration.ofSeconds(1));
    time.schedule(Runnable::run, record("after it"), Duration.ofSeconds(2));

    time.advance(Duration.ofSeconds(2));

    assertThat(ran).containsExactly("after it@2000");
  }

  @Test
  void the_time_moves_forward_only() {
    assertThatThrownBy(() -> time.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The time moves forward only: cannot advance by PT-0.001S");
    assertThat(time.nanoTime()).isZero();
  }

  @Test
  void a_delay_beyond_the_end_of_time_is_never_due() {
    time.schedule(Runnable::run, record("never"), Duration.ofDays(365L * 1_000));

    time.advance(Duration.ofDays(365L * 100));

    assertThat(ran).isEmpty();
    assertThat(time.scheduled()).isOne();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
