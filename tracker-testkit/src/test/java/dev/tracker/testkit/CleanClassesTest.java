package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Issue;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.TrackerDaemon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A class that leaves nothing behind never fails the leak check, one at a time or in parallel. */
class CleanClassesTest {

  @Fixture
  @TrackerDaemonTest
  static class UsesEveryClient {
    @Test
    void creates_and_lists(TrackerService tracker, DaemonConnection connection) {
      Issue issue = tracker.create("clean");
      assertThat(tracker.list()).contains(issue);
      assertThat(connection.call("issue.get", "{\"id\":\"" + issue.id() + "\"}")).contains("clean");
    }

    @Test
    void exports(TrackerService tracker, TrackerDaemon daemon) {
      tracker.create("exported");
      tracker.exportJsonl();
      assertThat(daemon.exports().count()).isPositive();
    }
  }

  @Fixture
  @TrackerDaemonTest(lifecycle = TrackerDaemonTest.Lifecycle.PER_METHOD, git = true)
  static class PerMethodWithGit {
    @Test
    void first(TrackerService tracker) {
      tracker.create("one");
      assertThat(tracker.sync().committed()).isTrue();
    }

    @Test
    void second(TrackerService tracker) {
      assertThat(tracker.list()).isEmpty();
    }
  }

  @Fixture
  @TrackerDaemonTest(remote = true, syncEnabled = true, syncInterval = "30s", manualTime = true)
  static class SyncsWithARemote {
    @Test
    void pushes(TrackerService tracker, TrackerDaemon daemon, ManualScheduler time) {
      tracker.create("pushed in the background");
      time.advance(Duration.ofMinutes(1));
      assertThat(daemon.syncs().count()).isEqualTo(2);
      assertThat(daemon.syncs().last().orElseThrow().succeeded()).isTrue();
    }
  }

  @Fixture
  @TrackerTest(git = true, seed = "seeds/two-issues.jsonl")
  static class Embedded {
    @Test
    void syncs(TrackerService tracker) {
      tracker.create("three");
      assertThat(tracker.sync().committed()).isTrue();
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class ClosesWhatItOpens {
    @Test
    void own_clients_closed(TrackerWorkspace workspace) {
      try (TrackerService connected =
              TrackerService.connect(workspace.root(), workspace.socket().orElseThrow());
          DaemonConnection raw = DaemonConnection.open(workspace.socket().orElseThrow())) {
        connected.create("through my own client");
        assertThat(raw.call("stats")).contains("result");
      }
      try (TrackerService second =
          TrackerService.connect(workspace.root(), workspace.socket().orElseThrow())) {
        assertThat(second.list()).hasSize(1);
      }
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class WithNested {
    @Test
    void outer(TrackerService tracker) {
      tracker.stats();
    }

    @Nested
    class Sharing {
      @Test
      void inner(TrackerService tracker) {
        tracker.stats();
      }
    }

    @Nested
    @TrackerTest
    class EmbeddedInside {
      @Test
      void inner(TrackerService tracker) {
        tracker.create("embedded, nested");
      }
    }
  }

  /** Two classes that wait for each other in @BeforeAll: they pass only if they run at once. */
  static final CountDownLatch BOTH_STARTED = new CountDownLatch(2);

  @Fixture
  @TrackerDaemonTest
  static class MeetsAnotherClass {
    @BeforeAll
    static void meet(TrackerService tracker) throws InterruptedException {
      tracker.create("meeting");
      BOTH_STARTED.countDown();
      assertThat(BOTH_STARTED.await(30, TimeUnit.SECONDS)).as("the other class started").isTrue();
    }

    @Test
    void test(TrackerService tracker) {
      assertThat(tracker.list()).hasSize(1);
    }
  }

  @Fixture
  @TrackerTest
  static class MeetsAnotherEmbeddedClass {
    @BeforeAll
    static void meet(TrackerService tracker) throws InterruptedException {
      tracker.create("meeting");
      BOTH_STARTED.countDown();
      assertThat(BOTH_STARTED.await(30, TimeUnit.SECONDS)).as("the other class started").isTrue();
    }

    @Test
    void test(TrackerService tracker) {
      assertThat(tracker.list()).hasSize(1);
    }
  }

  private static final List<Class<?>> CLEAN =
      List.of(
          UsesEveryClient.class,
          PerMethodWithGit.class,
          SyncsWithARemote.class,
          Embedded.class,
          ClosesWhatItOpens.class,
          WithNested.class);

  private static void assertAllPassed(EngineExecutionResults results, int tests) {
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
    results.testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests));
  }

  @Test
  void clean_classes_pass_one_at_a_time() {
    assertAllPassed(Fixtures.run(CLEAN.toArray(Class<?>[]::new)), 10);
  }

  @Test
  void clean_classes_pass_in_parallel() {
    List<Class<?>> classes =
        new ArrayList<>(List.of(MeetsAnotherClass.class, MeetsAnotherEmbeddedClass.class));
    classes.addAll(CLEAN);

    assertAllPassed(Fixtures.runInParallel(classes.toArray(Class<?>[]::new)), 12);
  }

  @Test
  void in_parallel_only_the_leaking_class_fails_and_says_what_it_checked() {
    EngineExecutionResults results =
        Fixtures.runInParallel(
            UsesEveryClient.class,
            LeakCheckTest.UnclosedService.class,
            PerMethodWithGit.class,
            LeakCheckTest.LeakedFile.class,
            LeakCheckTest.UnclosedSocketChannel.class,
            Embedded.class);
    try {
      results.containerEvents().assertStatistics(stats -> stats.failed(3));
      assertThat(Fixtures.classFailure(results, LeakCheckTest.UnclosedService.class))
          .hasValueSatisfying(
              failure ->
                  assertThat(failure)
                      .isInstanceOf(LeakException.class)
                      .hasMessageContaining("classes run in parallel")
                      .hasMessageContaining(
                          "UnclosedService.connects_a_service_and_never_closes_it"));
      assertThat(Fixtures.classFailure(results, LeakCheckTest.LeakedFile.class))
          .hasValueSatisfying(failure -> assertThat(failure).hasMessageContaining("notes.txt"));
      assertThat(Fixtures.classFailure(results, LeakCheckTest.UnclosedSocketChannel.class))
          .hasValueSatisfying(
              failure -> assertThat(failure).hasMessageContaining("none is a tracker client"));
    } finally {
      LeakCheckTest.closeLeaked();
    }
  }
}
