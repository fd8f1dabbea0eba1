package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.core.TrackerService;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import org.junit.jupiter.api.Test;

/** An empty tracker exports an empty file. */
@TrackerDaemonTest
class EmptyExportTest {

  @Test
  void an_empty_database_exports_an_empty_file(TrackerService tracker, TrackerWorkspace workspace) {
    tracker.sync();

    assertThat(workspace.jsonl()).exists().isEmptyFile().hasIssueCount(0);
  }
}
