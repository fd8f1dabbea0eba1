package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.DaemonConnection;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import org.junit.jupiter.api.Test;

/** What a daemon says about itself, and how it answers a method it does not know. */
@TrackerDaemonTest
class DaemonProtocolTest {

  @Test
  void health_reports_the_daemon(DaemonConnection daemon, TrackerWorkspace workspace) {
    String health = daemon.call("health");

    assertThat(health)
        .contains("\"healthy\":true")
        .contains("\"uptime_seconds\":")
        .contains("\"version\":")
        .contains("\"pid\":" + ProcessHandle.current().pid())
        .contains(workspace.root().toString());
  }

  @Test
  void status_reports_how_it_runs(DaemonConnection connection, TrackerDaemon daemon) {
    String status = connection.call("status");

    assertThat(status)
        .contains("\"running\":true")
        .contains("\"pid\":" + daemon.pid())
        .contains("\"uptime_seconds\":")
        .contains("\"sync_enabled\":false")
        .contains("\"sync_interval\":30");
  }

  @Test
  void an_unknown_method_is_answered_with_its_name(DaemonConnection daemon) {
    assertThat(daemon.call("nope"))
        .contains("\"code\":-32601")
        .contains("\"message\":\"Unknown method: nope\"");
  }
}
