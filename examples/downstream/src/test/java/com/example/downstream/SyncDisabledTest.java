package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.TrackerService;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import org.junit.jupiter.api.Test;

/** With sync off, a change schedules no export and nothing is written. */
@TrackerDaemonTest(syncEnabled = false)
class SyncDisabledTest {

  @Test
  void a_change_exports_nothing(
      TrackerService tracker, TrackerDaemon daemon, TrackerWorkspace workspace) {
    tracker.create("stays in the database");

    assertThat(daemon.exports().nextScheduled()).isEmpty();
    assertThat(daemon.exports().count()).isZero();
    assertThat(daemon.syncs().count()).isZero();
    assertThat(workspace.jsonl()).doesNotExist();
  }
}
