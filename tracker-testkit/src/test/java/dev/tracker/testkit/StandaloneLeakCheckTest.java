package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @LeakCheck} alone, on a class without a tracker annotation. */
class StandaloneLeakCheckTest {

  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @AfterEach
  void closeLeaked() {
    LeakCheckTest.closeLeaked();
  }

  @AfterAll
  static void endThreads() {
    RELEASE.countDown();
  }

  static void awaitRelease(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts a thread that waits for the latch in {@link #waitInside}, and returns once it is in it:
   * a leak check then finds that method on its stack, whatever the machine's load.
   */
  static void startWaiting(String name, CountDownLatch release) {
    CountDownLatch inside = new CountDownLatch(1);
    new Thread(() -> waitInside(inside, release), name).start();
    awaitRelease(inside);
  }

  static void waitInside(CountDownLatch inside, CountDownLatch release) {
    inside.countDown();
    awaitRelease(release);
  }

  @Fixture
  @LeakCheck(linger = "100ms")
  static class LeakingThread {
    @Test
    void leaks() {
      startWaiting("plain-leak", RELEASE);
    }
  }

  @Fixture
  @LeakCheck(linger = "100ms", allowThreads = "tolerated-.*")
  static class ToleratedThread {
    @Test
    void leaks_a_tolerated_thread() {
      new Thread(() -> awaitRelease(RELEASE), "tolerated-worker").start();
    }
  }

  @Fixture
  @LeakCheck(linger = "100ms")
  static class UnclosedService {
    @Test
    void opens_a_service(@TempDir Path directory) {
      TrackerService tracker =
          TrackerService.embedded(
              TrackerConfig.builder(directory).readConfigFile(false).environment(Map.of()).build());
      LeakCheckTest.LEAKED.add(tracker);
      tracker.stats();
    }
  }

  @Fixture
  @LeakCheck
  static class ClosesItsService {
    @Test
    void opens_and_closes_a_service(@TempDir Path directory) {
      try (TrackerService tracker =
          TrackerService.embedded(
              TrackerConfig.builder(directory)
                  .readConfigFile(false)
                  .environment(Map.of())
                  .build())) {
        tracker.create("closed with the service");
      }
    }
  }

  /** Released by its own @AfterAll, the thread ends while the check lingers. */
  static final CountDownLatch ENDING = new CountDownLatch(1);

  @Fixture
  @LeakCheck(linger = "10s")
  static class ThreadThatIsEnding {
    @Test
    void starts_a_thread_that_ends_after_the_class() {
      new Thread(() -> awaitRelease(ENDING), "ending-worker").start();
    }

    @AfterAll
    static void release() {
      ENDING.countDown();
    }
  }

  @Test
  void a_plain_class_that_leaks_a_thread_fails() {
    EngineExecutionResults results = Fixtures.run(LeakingThread.class);

    assertThat(Fixtures.classFailure(results, LeakingThread.class))
        .hasValueSatisfying(
            failure ->
                assertThat(failure)
                    .isInstanceOf(LeakException.class)
                    .hasMessageContaining("thread \"plain-leak\"")
                    .hasMessageContaining("StandaloneLeakCheckTest.waitInside"));
  }

  @Test
  void allowed_threads_are_not_leaks() {
    Fixtures.run(ToleratedThread.class)
        .containerEvents()
        .assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void a_plain_class_that_leaves_a_service_open_fails_naming_where_it_was_created() {
    EngineExecutionResults results = Fixtures.run(UnclosedService.class);

    assertThat(Fixtures.classFailure(results, UnclosedService.class))
        .hasValueSatisfying(
            failure ->
                assertThat(failure)
                    .hasMessageContaining("TrackerService (embedded)")
                    .hasMessageContaining("UnclosedService.opens_a_service"));
  }

  @Test
  void a_plain_class_that_closes_what_it_opens_passes() {
    Fixtures.run(ClosesItsService.class)
        .containerEvents()
        .assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void a_thread_that_ends_within_the_linger_is_not_a_leak() {
    Fixtures.run(ThreadThatIsEnding.class)
        .containerEvents()
        .assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void in_parallel_mode_a_standalone_check_pins_on_its_class_what_the_class_started() {
    EngineExecutionResults results =
        Fixtures.runInParallel(LeakingThread.class, ClosesItsService.class, UnclosedService.class);

    assertThat(Fixtures.classFailure(results, LeakingThread.class))
        .hasValueSatisfying(
            failure ->
                assertThat(failure)
                    .hasMessageContaining("classes run in parallel")
                    .hasMessageContaining("thread \"plain-leak\""));
    assertThat(Fixtures.classFailure(results, UnclosedService.class))
        .hasValueSatisfying(
            failure ->
                assertThat(failure)
                    .hasMessageContaining("TrackerService (embedded)")
                    .hasMessageContaining("UnclosedService.opens_a_service"));
    assertThat(Fixtures.classFailure(results, ClosesItsService.class)).isEmpty();
    results.containerEvents().assertStatistics(stats -> stats.failed(2));
  }
}
