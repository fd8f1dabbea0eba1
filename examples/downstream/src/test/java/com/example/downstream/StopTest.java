package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.DaemonConnection;
import dev.tracker.testkit.TrackerDaemonTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stop method: a daemon per method, since this one ends it. */
@TrackerDaemonTest(lifecycle = TrackerDaemonTest.Lifecycle.PER_METHOD)
class StopTest {

  @Test
  void stop_answers_stopping_and_the_daemon_exits(
      DaemonConnection connection, TrackerDaemon daemon) {
    assertThat(connection.call("stop")).contains("\"result\":{\"status\":\"stopping\"}");

    assertThat(daemon.awaitTermination(Duration.ofSeconds(30))).isTrue();
    assertThat(daemon.isRunning()).isFalse();
  }
}
