package dev.tracker.benchmarks.soak;

import dev.tracker.core.Issue;
import dev.tracker.core.TrackerService;
import dev.tracker.testkit.TrackerTest;
import org.junit.jupiter.api.Test;

/** A clean class of the clean suite: an embedded service, its issues made and read. */
@TrackerTest
public class CleanEmbeddedCase {

  @Test
  void issues_are_made_and_listed(TrackerService tracker) {
    Issue issue = tracker.create("embedded");
    SoakCase.check(tracker.list().contains(issue), "the issue listed");
  }
}
