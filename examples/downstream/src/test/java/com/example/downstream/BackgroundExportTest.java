package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.ExportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.DaemonAwait;
import dev.tracker.testkit.TrackerDaemonTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A change through the daemon is exported in the background; the test waits for that export. */
@TrackerDaemonTest(syncEnabled = true, exportDebounce = "100ms")
class BackgroundExportTest {

  @Test
  void a_change_is_exported_after_the_debounce(TrackerService tracker, TrackerDaemon daemon) {
    // taken before the change: the export it causes may start before a wait begun after it
    CompletableFuture<Run<ExportResult>> next = daemon.exports().nextStarting();
    Issue issue = tracker.create("exported by the daemon");

    Run<ExportResult> export =
        DaemonAwait.await(next, daemon.exports(), "export", DaemonAwait.DEFAULT_TIMEOUT);

    assertThat(export.result().orElseThrow().path()).containsIssue(issue.id());
    // one change, one export: the daemon does nothing more
    DaemonAwait.nothingHappensWithin(daemon, Duration.ofMillis(500));
  }
}
