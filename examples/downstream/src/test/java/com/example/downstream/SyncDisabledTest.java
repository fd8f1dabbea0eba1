package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.TrackerService;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.DaemonAwait;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With sync off, a change schedules no export and nothing is written. */
@TrackerDaemonTest(syncEnabled = false)
class SyncDisabledTest {

  @Test
  void a_change_exports_nothing(
      TrackerService tracker, TrackerDaemon daemon, TrackerWorkspace workspace) {
    tracker.create("stays in the database");

    assertThat(daemon.exports().nextScheduled()).isEmpty();
    // longer than the export debounce (500 ms): an export would have shown
    DaemonAwait.nothingHappensWithin(daemon, Duration.ofSeconds(1));
    assertThat(workspace.jsonl()).doesNotExist();
  }
}
