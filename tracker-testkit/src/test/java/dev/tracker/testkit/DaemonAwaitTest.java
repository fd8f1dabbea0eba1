package dev.tracker.testkit;

import static dev.tracker.testkit.TrackerAssertions.assertThat;
import static dev.tracker.testkit.TrackerAssertions.assertThatThrownBy;

import dev.tracker.core.ExportResult;
import dev.tracker.core.Issue;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonAwaitTest {

  @TempDir Path workspace;

  private TrackerConfig.Builder config() {
    return TrackerConfig.builder(workspace).readConfigFile(false).environment(Map.of());
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
