package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.Issue;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.DaemonAwait;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import org.junit.jupiter.api.Test;

/**
 * With periodic syncs on real time, one wait gets a sync that carries a change: the next sync is
 * the first to start after the wait began, never one that was under way during the change.
 */
@TrackerDaemonTest(syncEnabled = true, syncInterval = "200ms", exportDebounce = "1h")
class NextSyncTest {

  @Test
  void the_next_sync_carries_the_change_made_before_the_wait(
      TrackerService tracker, TrackerDaemon daemon, TrackerWorkspace workspace) {
    Issue issue = tracker.create("in the next sync");

    DaemonAwait.nextSync(daemon);

    // the debounced export waits an hour: what is in the file, the sync wrote
    assertThat(workspace.jsonl()).containsIssue(issue.id());
  }
}
