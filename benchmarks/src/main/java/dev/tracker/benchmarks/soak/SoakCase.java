package dev.tracker.benchmarks.soak;

import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.TrackerService;
import dev.tracker.testkit.DaemonConnection;
import dev.tracker.testkit.TrackerDaemonTest;
import org.junit.jupiter.api.Test;

/**
 * What each of the soak's 1,000 classes does (they are empty subclasses, generated so that each is
 * a test class of its own with a daemon of its own: the annotation is inherited). Two tests, the
 * way a downstream suite uses the testkit: a client makes and links issues and reads ready work;
 * the raw protocol asks for status. The leak check is on, as by default.
 */
@TrackerDaemonTest
public class SoakCase {

  @Test
  void issues_are_made_linked_and_ready(TrackerService tracker) {
    Issue design = tracker.create("Design");
    Issue build = tracker.create("Build");
    tracker.addDependency(build.id(), design.id(), DependencyType.BLOCKS);
    check(tracker.ready().size() == 1, "one ready issue");
    tracker.close(design.id(), "done");
    check(tracker.ready().size() == 1 && tracker.ready().get(0).id().equals(build.id()), "build");
  }

  @Test
  void status_over_the_raw_protocol(DaemonConnection connection) {
    check(connection.call("status").contains("\"running\":true"), "running");
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("Expected " + what);
    }
  }
}
