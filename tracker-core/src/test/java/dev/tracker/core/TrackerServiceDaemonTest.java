package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tracker.core.internal.client.CannedDaemon;
import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.core.internal.protocol.RpcError;
import dev.tracker.core.internal.protocol.Wire;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connect} and {@code open} against a real socket that answers like a daemon. */
class TrackerServiceDaemonTest {

  private static final Stats STATS = new Stats(3, Map.of(Status.OPEN, 3), 2, 1);

  @TempDir Path workspace;
  @TempDir Path sockets;
  private CannedDaemon daemon;

  @BeforeEach
  void start() {
    daemon = CannedDaemon.start(sockets.resolve("daemon.sock"));
    daemon.reply("stats", CannedDaemon.result(Wire.stats(STATS)));
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  private void awaitServerSeesAllClosed() {
    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.openConnections() == 0);
  }

  private Path database() {
    return workspace.resolve(".tracker/tracker.db");
  }

  @Test
  void connect_without_a_lock_file_is_daemon_unavailable_naming_it() {
    assertThatThrownBy(() -> TrackerService.connect(workspace))
        .isInstanceOf(DaemonUnavailableException.class)
        .hasMessageContaining(workspace.resolve(".tracker").resolve(DaemonFiles.LOCK).toString())
        .hasMessageContaining("tracker daemon start");
  }

  @Test
  void connect_finds_the_socket_in_the_lock_file_and_connects_on_the_first_call() {
    Daemons.writeLock(workspace, daemon.socket());

    try (TrackerService tracker = TrackerService.connect(workspace)) {
      assertThat(daemon.accepted()).isZero();

      assertThat(tracker.stats()).isEqualTo(STATS);
      assertThat(daemon.accepted()).isEqualTo(1);
    }
    assertThat(database()).doesNotExist();
  }

  @Test
  void connect_with_a_socket_needs_no_lock_file() {
    try (TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
      assertThat(tracker.stats()).isEqualTo(STATS);
    }
  }

  @Test
  void errors_through_the_daemon_are_the_exceptions_of_an_embedded_service() {
    daemon.reply(
        "issue.get",
        CannedDaemon.error(
            RpcError.NOT_FOUND,
            "No issue with id 'tr-x'",
            Wire.JSON.readTree("{\"id\":\"tr-x\"}")));

    try (TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
      assertThat(tracker.find("tr-x")).isEmpty();
      assertThatThrownBy(() -> tracker.get("tr-x"))
          .isInstanceOfSatisfying(
              IssueNotFoundException.class, e -> assertThat(e.issueId()).isEqualTo("tr-x"));
    }
  }

  @Test
  void a_call_to_a_daemon_that_is_gone_is_daemon_unavailable() {
    daemon.close();

    try (TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
      assertThatThrownBy(tracker::stats)
          .isInstanceOf(DaemonUnavailableException.class)
          .hasMessageContaining(daemon.socket().toString());
    }
  }

  @Test
  void open_goes_through_a_daemon_that_answers_health_on_the_connection_of_the_probe() {
    Daemons.writeLock(workspace, daemon.socket());

    try (TrackerService tracker = TrackerService.open(workspace)) {
      assertThat(daemon.requests("health")).hasSize(1);

      assertThat(tracker.stats()).isEqualTo(STATS);
    }
    assertThat(daemon.accepted()).isEqualTo(1);
    assertThat(daemon.requests("health")).hasSize(1);
    assertThat(database()).doesNotExist();
  }

  @Test
  void open_works_in_process_when_the_lock_names_a_dead_socket() {
    Daemons.writeLock(workspace, sockets.resolve("dead.sock"));

    try (TrackerService tracker = TrackerService.open(workspace)) {
      tracker.create("in process");

      assertThat(tracker.list()).extracting(Issue::title).containsExactly("in process");
    }
    assertThat(database()).exists();
  }

  @Test
  void open_works_in_process_without_a_lock_file() {
    try (TrackerService tracker = TrackerService.open(workspace)) {
      tracker.create("in process");
    }
    assertThat(database()).exists();
    assertThat(daemon.accepted()).isZero();
  }

  @Test
  void open_works_in_process_when_the_daemon_says_it_is_unhealthy_and_closes_the_probe() {
    daemon.health(Version.current(), false);
    Daemons.writeLock(workspace, daemon.socket());

    try (TrackerService tracker = TrackerService.open(workspace)) {
      awaitServerSeesAllClosed();

      tracker.create("in process");
    }
    assertThat(database()).exists();
    assertThat(daemon.requests()).hasSize(1);
  }

  @Test
  void open_refuses_a_daemon_of_another_version() {
    daemon.health("0.0.1-old", true);
    Daemons.writeLock(workspace, daemon.socket());

    assertThatThrownBy(() -> TrackerService.open(workspace))
        .isInstanceOf(DaemonUnavailableException.class)
        .hasMessageContaining("0.0.1-old")
        .hasMessageContaining(Version.current());
    awaitServerSeesAllClosed();
    assertThat(database()).doesNotExist();
  }

  @Test
  void close_closes_every_connection_and_later_calls_throw() {
    TrackerService tracker = TrackerService.connect(workspace, daemon.socket());
    tracker.stats();

    tracker.close();
    tracker.close();

    awaitServerSeesAllClosed();
    assertThatThrownBy(tracker::stats)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
