package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.ExportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.DaemonAwait;
import dev.tracker.testkit.TrackerDaemonTest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A change through the daemon is exported in the background; the test waits for that export. */
@TrackerDaemonTest(syncEnabled = true) // with sync off, the daemon never exports by itself
class BackgroundExportTest {

  @Test
  void a_change_is_exported_after_the_debounce(TrackerService tracker, TrackerDaemon daemon) {
    // asked for before the change: its export may end before a wait that starts after it
    CompletableFuture<Run<ExportResult>> next = daemon.exports().next();
    Issue issue = tracker.create("exported by the daemon");

    Run<ExportResult> export =
        DaemonAwait.await(next, daemon.exports(), "export", DaemonAwait.DEFAULT_TIMEOUT);

    assertThat(export.result().orElseThrow().path()).containsIssue(issue.id());
  }
}
