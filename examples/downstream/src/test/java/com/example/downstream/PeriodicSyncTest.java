package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.SyncResult;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * With sync on, the daemon syncs by itself; on manual time the test moves the clock past the
 * interval, and the syncs due have run when {@code advance} returns: no waiting, no sleeping.
 */
@TrackerDaemonTest(syncEnabled = true, syncInterval = "30s", manualTime = true)
class PeriodicSyncTest {

  @Test
  void the_daemon_syncs_every_interval(
      TrackerDaemon daemon, ManualScheduler time, TrackerWorkspace workspace) {
    time.advance(Duration.ofSeconds(29));
    assertThat(daemon.syncs().count()).isZero();

    time.advance(Duration.ofSeconds(1));
    SyncResult first = daemon.syncs().last().orElseThrow().result().orElseThrow();
    time.advance(Duration.ofSeconds(30));

    // no git here: a sync exports and commits nothing
    assertThat(first.committed()).isFalse();
    assertThat(daemon.syncs().count()).isEqualTo(2);
    assertThat(workspace.jsonl()).exists();
  }
}
