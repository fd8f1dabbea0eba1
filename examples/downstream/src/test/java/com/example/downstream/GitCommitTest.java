package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.Issue;
import dev.tracker.core.TrackerService;
import dev.tracker.testkit.GitHistory;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import org.junit.jupiter.api.Test;

/** In a git workspace a sync commits, and a change then a sync makes a new commit. */
@TrackerDaemonTest(git = true)
class GitCommitTest {

  @Test
  void each_sync_with_a_change_makes_one_commit(
      TrackerService tracker, TrackerWorkspace workspace) {
    Issue first = tracker.create("first");
    tracker.sync();
    GitHistory history = GitHistory.of(workspace.root());
    assertThat(history).hasCommitCount(1).containsFileInHead(".tracker/issues.jsonl");

    tracker.sync();
    assertThat(history).hasCommitCount(1);

    tracker.close(first.id(), "done");
    tracker.sync();
    assertThat(history).hasCommitCount(2).hasLastCommitMessage("tracker: 1 issue changed");
  }
}
