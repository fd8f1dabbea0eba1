package dev.tracker.testkit;

import static dev.tracker.testkit.TrackerAssertions.assertThat;
import static dev.tracker.testkit.TrackerAssertions.assertThatThrownBy;

import dev.tracker.core.ExportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonAwaitTest {

  @TempDir Path workspace;

  private TrackerConfig.Builder config() {
    return TrackerConfig.builder(workspace).readConfigFile(false).environment(Map.of());
  }

  @Test
  void next_export_returns_the_export_a_mutation_caused() {
    try (TrackerDaemon daemon =
            new TrackerDaemon(config().exportDebounce(Duration.ofMillis(20)).build()).start();
        TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
      var next = daemon.exports().next();
      Issue issue = tracker.create("exported by the daemon");

      ExportResult export =
          DaemonAwait.await(next, daemon.exports(), "export", Duration.ofSeconds(30))
              .result()
              .orElseThrow();

      assertThat(export.path()).containsIssue(issue.id());
    }
  }

  @Test
  void next_sync_returns_a_periodic_sync() {
    try (TrackerDaemon daemon =
        new TrackerDaemon(config().syncInterval(Duration.ofMillis(50)).build()).start()) {
      SyncResult sync = DaemonAwait.nextSync(daemon);

      assertThat(sync.committed()).isFalse();
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
