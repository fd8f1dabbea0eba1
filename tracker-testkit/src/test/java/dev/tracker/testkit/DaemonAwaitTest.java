package dev.tracker.testkit;

import static dev.tracker.testkit.TrackerAssertions.assertThat;
import static dev.tracker.testkit.TrackerAssertions.assertThatThrownBy;

import dev.tracker.core.ExportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.SyncException;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The await helpers on real daemons: the next run is the first to start after the call, and
 * "nothing happens" is watched on the daemon's runs, failing as soon as one shows.
 */
class DaemonAwaitTest {

  @TempDir Path workspace;

  private TrackerConfig.Builder config() {
    return TrackerConfig.builder(workspace).readConfigFile(false).environment(Map.of());
  }

  /** A git workspace whose remote accepts connections and never answers: a sync hangs on it. */
  private TrackerConfig.Builder hangingRemote(SilentRemote remote) throws Exception {
    try (Git git = Git.init().setInitialBranch("main").setDirectory(workspace.toFile()).call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", remote.url("http"));
      config.save();
    }
    return config().syncEnabled(false);
  }

  /** Waits until the thread is parked with a timeout: in DaemonAwait's wait. */
  private static void awaitParked(Thread thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (thread.getState() != Thread.State.TIMED_WAITING) {
      assertThat(System.nanoTime()).as("%s is waiting", thread.getName()).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void next_sync_does_not_return_the_sync_under_way_at_the_call() throws Exception {
    SilentRemote remote = new SilentRemote();
    ExecutorService threads = Executors.newFixedThreadPool(2, named("DaemonAwaitTest-sync"));
    try (TrackerDaemon daemon = new TrackerDaemon(hangingRemote(remote).build()).start();
        TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
      Future<SyncResult> first = threads.submit(tracker::sync);
      assertThat(remote.awaitConnection(20)).as("the first sync reached the remote").isTrue();
      AtomicReference<Thread> waiter = new AtomicReference<>();
      Future<SyncResult> next =
          threads.submit(
              () -> {
                waiter.set(Thread.currentThread());
                return DaemonAwait.nextSync(daemon);
              });
      while (waiter.get() == null) {
        Thread.onSpinWait();
      }
      awaitParked(waiter.get());

      remote.close(); // the first sync fails and ends; nextSync waits for the second
      assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SyncException.class);
      assertThatThrownBy(tracker::sync).isInstanceOf(SyncException.class);

      assertThatThrownBy(() -> next.get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("Expecting the sync #2 to succeed but it failed");
    } finally {
      remote.close();
      threads.shutdownNow();
      assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void nothing_happens_passes_when_the_window_is_over_without_a_run() {
    try (TrackerDaemon daemon = new TrackerDaemon(config().syncEnabled(false).build()).start();
        TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
      tracker.create("stays in the database");
      long start = System.nanoTime();

      DaemonAwait.nothingHappensWithin(daemon, Duration.ofMillis(200));

      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void nothing_happens_fails_as_soon_as_a_run_ends() {
    try (TrackerDaemon daemon =
            new TrackerDaemon(
                    config()
                        .exportDebounce(Duration.ofMillis(50))
                        .syncInterval(Duration.ofHours(1))
                        .build())
                .start();
        TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
      tracker.create("exported after the debounce");
      long start = System.nanoTime();

      assertThatThrownBy(() -> DaemonAwait.nothingHappensWithin(daemon, Duration.ofSeconds(30)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining(
              "to do nothing for PT30S but an export started within it (ended after");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void nothing_happens_fails_at_once_when_a_run_is_under_way() throws Exception {
    SilentRemote remote = new SilentRemote();
    ExecutorService threads = Executors.newSingleThreadExecutor(named("DaemonAwaitTest-sync"));
    try (TrackerDaemon daemon = new TrackerDaemon(hangingRemote(remote).build()).start();
        TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
      Future<SyncResult> sync = threads.submit(tracker::sync);
      assertThat(remote.awaitConnection(20)).as("the sync reached the remote").isTrue();

      assertThatThrownBy(() -> DaemonAwait.nothingHappensWithin(daemon, Duration.ofSeconds(30)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("but a sync was under way when the window began (0 ended before)");

      remote.close();
      assertThatThrownBy(() -> sync.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SyncException.class);
    } finally {
      remote.close();
      threads.shutdownNow();
      assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void nothing_happens_on_manual_time_moves_the_time_and_counts_what_ran() {
    ManualScheduler time = new ManualScheduler();
    try (TrackerDaemon daemon =
        TrackerDaemon.builder(config().syncInterval(Duration.ofSeconds(30)).build())
            .scheduler(time)
            .build()
            .start()) {
      DaemonAwait.nothingHappensWithin(daemon, time, Duration.ofSeconds(29));
      assertThat(time.nanoTime()).isEqualTo(Duration.ofSeconds(29).toNanos());

      assertThatThrownBy(
              () -> DaemonAwait.nothingHappensWithin(daemon, time, Duration.ofSeconds(1)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("to do nothing for PT1S but a sync started within it (1 started;");
    }
  }

  @Test
  void nothing_happens_fails_on_a_stopped_daemon_and_refuses_an_empty_window() {
    TrackerDaemon daemon = new TrackerDaemon(config().syncEnabled(false).build()).start();
    daemon.close();

    assertThatThrownBy(() -> DaemonAwait.nothingHappensWithin(daemon, Duration.ofSeconds(30)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("The daemon " + daemon.workspace() + " stopped within PT30S");
    assertThatThrownBy(() -> DaemonAwait.nothingHappensWithin(daemon, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the window must be positive, was PT0S");
  }

  private static ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return work -> new Thread(work, name + "-" + count.incrementAndGet());
  }

  @Test
  void next_export_returns_the_export_a_mutation_caused() {
    ManualScheduler time = new ManualScheduler();
    try (TrackerDaemon daemon =
            TrackerDaemon.builder(config().exportDebounce(Duration.ofMillis(500)).build())
                .scheduler(time)
                .build()
                .start();
        TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
      var next = daemon.exports().next();
      Issue issue = tracker.create("exported by the daemon");
      time.advance(Duration.ofMillis(500));

      ExportResult export =
          DaemonAwait.await(next, daemon.exports(), "export", Duration.ofSeconds(30))
              .result()
              .orElseThrow();

      assertThat(export.path()).containsIssue(issue.id());
    }
  }

  @Test
  void next_sync_returns_a_periodic_sync() throws Exception {
    ManualScheduler time = new ManualScheduler();
    ExecutorService waiter =
        Executors.newSingleThreadExecutor(work -> new Thread(work, "DaemonAwaitTest-waiter"));
    try (TrackerDaemon daemon =
        TrackerDaemon.builder(config().syncInterval(Duration.ofSeconds(30)).build())
            .scheduler(time)
            .build()
            .start()) {
      Future<SyncResult> next = waiter.submit(() -> DaemonAwait.nextSync(daemon));
      // each advance brings one periodic sync; the first to end after nextSync began is its answer
      for (int i = 0; i < 1_000 && !next.isDone(); i++) {
        time.advance(Duration.ofSeconds(30));
      }

      assertThat(next.get(30, TimeUnit.SECONDS).committed()).isFalse();
    } finally {
      waiter.shutdownNow();
      assertThat(waiter.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void a_wait_that_times_out_says_what_did_not_happen() {
    try (TrackerDaemon daemon = new TrackerDaemon(config().syncEnabled(false).build()).start()) {
      assertThatThrownBy(() -> DaemonAwait.nextSync(daemon, Duration.ofMillis(50)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("No sync ended within PT0.05S (0 ended before)");
    }
  }
}
