package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.IssueUpdate;
import dev.tracker.core.Status;
import dev.tracker.core.TrackerService;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import org.junit.jupiter.api.Test;

/** A sync writes the seeded issues, and writes them again after a change. */
@TrackerDaemonTest(seed = "two-issues.jsonl")
class SeededSyncTest {

  @Test
  void sync_writes_the_seeded_issues_and_rewrites_them_after_an_update(
      TrackerService tracker, TrackerWorkspace workspace) {
    tracker.sync();

    assertThat(workspace.jsonl()).hasIssueCount(2).containsIssue("seed-1").containsIssue("seed-2");

    tracker.update("seed-1", IssueUpdate.builder().status(Status.IN_PROGRESS).build());
    tracker.sync();

    assertThat(workspace.jsonl()).issue("seed-1").hasStatus(Status.IN_PROGRESS);
    assertThat(workspace.jsonl()).issue("seed-2").hasLabels("seeded");
  }
}
