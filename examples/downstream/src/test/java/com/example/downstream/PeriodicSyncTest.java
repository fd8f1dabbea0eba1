package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.SyncResult;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.DaemonAwait;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import org.junit.jupiter.api.Test;

/** With sync on, the daemon syncs by itself; the test waits on its syncs, never on the clock. */
@TrackerDaemonTest(syncEnabled = true, syncInterval = "100ms")
class PeriodicSyncTest {

  @Test
  void the_daemon_syncs_periodically(TrackerDaemon daemon, TrackerWorkspace workspace) {
    SyncResult first = DaemonAwait.nextSync(daemon);
    SyncResult second = DaemonAwait.nextSync(daemon);

    // no git here: a sync exports and commits nothing
    assertThat(first.committed()).isFalse();
    assertThat(second.committed()).isFalse();
    assertThat(daemon.syncs().count()).isGreaterThanOrEqualTo(2);
    assertThat(workspace.jsonl()).exists();
  }
}
