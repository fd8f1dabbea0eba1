package dev.tracker.benchmarks.soak;

import dev.tracker.core.TrackerService;
import dev.tracker.testkit.DaemonConnection;
import dev.tracker.testkit.TrackerDaemonTest;
import org.junit.jupiter.api.Test;

/** A clean class of the clean suite: a daemon for each test method, each closed after it. */
@TrackerDaemonTest(lifecycle = TrackerDaemonTest.Lifecycle.PER_METHOD)
public class CleanPerMethodCase {

  @Test
  void a_new_daemon_is_empty(TrackerService tracker) {
    SoakCase.check(tracker.list().isEmpty(), "an empty daemon");
  }

  @Test
  void a_new_daemon_answers(DaemonConnection connection) {
    SoakCase.check(connection.call("health").contains("\"healthy\":true"), "healthy");
  }
}
