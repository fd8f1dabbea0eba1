package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerService;
import dev.tracker.testkit.GitHistory;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import org.junit.jupiter.api.Test;

/** With a remote, a sync pushes what it committed. */
@TrackerDaemonTest(git = true, remote = true)
class RemoteSyncTest {

  @Test
  void sync_pushes_to_the_remote(TrackerService tracker, TrackerWorkspace workspace) {
    tracker.create("shared with the team");

    SyncResult result = tracker.sync();

    assertThat(result.pushed()).isTrue();
    assertThat(GitHistory.of(workspace.remote().orElseThrow()))
        .hasCommitCount(1)
        .containsFileInHead(".tracker/issues.jsonl");
  }
}
