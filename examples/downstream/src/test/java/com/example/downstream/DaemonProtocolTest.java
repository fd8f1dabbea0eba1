package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.DaemonConnection;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerWorkspace;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a daemon says about itself, and how it answers a method it does not know. */
@TrackerDaemonTest
class DaemonProtocolTest {

  @Test
  void health_reports_the_daemon(DaemonConnection daemon, TrackerWorkspace workspace) {
    JsonNode health = daemon.result("health");

    assertThat(health.path("healthy").booleanValue()).isTrue();
    assertThat(health.path("uptime_seconds").isIntegralNumber()).isTrue();
    assertThat(health.path("version").stringValue()).isNotBlank();
    assertThat(health.path("pid").longValue()).isEqualTo(ProcessHandle.current().pid());
    assertThat(health.path("workspace").stringValue()).isEqualTo(workspace.root().toString());
  }

  @Test
  void status_reports_how_it_runs(DaemonConnection connection, TrackerDaemon daemon) {
    JsonNode status = connection.result("status");

    assertThat(status.path("running").booleanValue()).isTrue();
    assertThat(status.path("pid").longValue()).isEqualTo(daemon.pid());
    assertThat(status.path("uptime_seconds").isIntegralNumber()).isTrue();
    assertThat(status.path("sync_enabled").booleanValue()).isFalse();
    assertThat(status.path("sync_interval").intValue()).isEqualTo(30);
  }

  @Test
  void an_unknown_method_is_answered_with_its_name(DaemonConnection daemon) {
    DaemonConnection.Answer answer = daemon.callForAnswer("nope");

    assertThat(answer.isError()).isTrue();
    assertThat(answer.error().path("code").intValue()).isEqualTo(-32601);
    assertThat(answer.error().path("message").stringValue()).isEqualTo("Unknown method: nope");
  }
}
