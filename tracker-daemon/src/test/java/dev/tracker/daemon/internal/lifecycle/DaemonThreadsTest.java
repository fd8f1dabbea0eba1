package dev.tracker.daemon.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

  @Test
  void a_deadline_that_passes_between_the_check_and_the_wait_does_not_wait_forever()
      throws Exception {
    DaemonThreads threads = new DaemonThreads("join-test");
    CountDownLatch release = new CountDownLatch(1);
    Thread worker = threads.start("worker", () -> awaitQuietly(release));
    // every look at the clock moves it 5 ns: 5 ns left at the first look, none at the next
    AtomicLong now = new AtomicLong();
    Deadline deadline = Deadline.after(Duration.ofNanos(10), () -> now.getAndAdd(5));
    // a thread of its own, not the common pool, which other tests may keep busy
    ExecutorService joiner = Executors.newSingleThreadExecutor(task -> new Thread(task, "joiner"));
    try {
      CompletableFuture<List<Thread>> joined =
          CompletableFuture.supplyAsync(() -> joinQuietly(threads, deadline), joiner);

      assertThat(joined).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(List.of(worker));
    } finally {
      release.countDown();
      worker.join();
      joiner.shutdownNow();
      assertThat(joiner.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Thread> joinQuietly(DaemonThreads threads, Deadline deadline) {
    try {
      return threads.join("worker", deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
