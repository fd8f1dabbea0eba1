package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tracker.core.TrackerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The ordered shutdown with a request in progress. Another writer holding SQLite's write lock keeps
 * a {@code issue.create} in the daemon waiting for as long as the test wants, with no sleep.
 */
class ShutdownTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path workspace;

  private TrackerConfig config() {
    return Daemons.config(workspace).syncEnabled(false).build();
  }

  @Test
  void a_request_in_progress_is_answered_and_no_connection_is_accepted_meanwhile()
      throws Exception {
    TrackerDaemon daemon =
        TrackerDaemon.builder(config()).shutdownGrace(WAIT).closeTimeout(WAIT).build().start();
    ExecutorService closer = Executors.newSingleThreadExecutor(task -> new Thread(task, "closer"));
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"opens the database\"}");
      CompletableFuture<Void> closing;
      try (Connection writer = holdWriteLock()) {
        client.sendLine(
            "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"issue.create\",\"params\":{\"title\":\"in progress\"}}");
        awaitInCreate(daemon);

        // a thread of its own, not the common pool, which other tests may keep busy
        closing = CompletableFuture.runAsync(daemon::close, closer);

        await("the socket refuses connections")
            .atMost(WAIT)
            .until(() -> refusesConnections(daemon));
        assertThat(daemon.isRunning()).isFalse();
        assertThat(closing).isNotDone();
        try (Statement statement = writer.createStatement()) {
          statement.execute("ROLLBACK");
        }
      }

      JsonNode answer = client.response();
      assertThat(answer.path("id").intValue()).isEqualTo(42);
      assertThat(answer.path("result").path("title").stringValue()).isEqualTo("in progress");
      assertThat(client.closedByDaemon()).isTrue();
      closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      closer.shutdown();
      assertThat(closer.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Daemons.threadsNamed(daemon.threadNamePrefix())).isEmpty();
    assertThat(workspace.resolve(".tracker/daemon.lock")).doesNotExist();
    assertThat(workspace.resolve(".tracker/daemon.sock")).doesNotExist();
  }

  @Test
  void close_past_its_timeout_throws_naming_the_threads_still_alive() throws Exception {
    TrackerDaemon daemon =
        TrackerDaemon.builder(config())
            .shutdownGrace(Duration.ofMillis(50))
            .closeTimeout(Duration.ofMillis(300))
            .build()
            .start();
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"opens the database\"}");
      try (Connection writer = holdWriteLock()) {
        client.sendLine(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"issue.create\",\"params\":{\"title\":\"stuck\"}}");
        awaitInCreate(daemon);

        assertThatThrownBy(daemon::close)
            .isInstanceOf(DaemonShutdownException.class)
            .hasMessageContaining("has not stopped after PT0.3S")
            .hasMessageContaining(daemon.threadNamePrefix() + "-conn-")
            .hasMessageContaining("dev.tracker.core.TrackerService.create")
            .satisfies(
                e ->
                    assertThat(((DaemonShutdownException) e).threads())
                        .anyMatch(name -> name.startsWith(daemon.threadNamePrefix() + "-conn-")));
        try (Statement statement = writer.createStatement()) {
          statement.execute("ROLLBACK");
        }
      }
    }

    // the shutdown went on in the background and ends once the call does
    assertThat(daemon.awaitTermination(WAIT)).isTrue();
    daemon.close();
    assertThat(Daemons.threadsNamed(daemon.threadNamePrefix())).isEmpty();
    assertThat(workspace.resolve(".tracker/daemon.lock")).doesNotExist();
  }

  @Test
  void a_pending_export_is_not_written_beside_a_sync_that_outlived_the_close_timeout()
      throws Exception {
    TrackerConfig config =
        Daemons.config(workspace)
            .syncEnabled(true)
            .syncInterval(Duration.ofHours(1))
            .exportDebounce(Duration.ofHours(1))
            .build();
    TrackerDaemon daemon =
        TrackerDaemon.builder(config)
            .shutdownGrace(Duration.ZERO)
            .closeTimeout(Duration.ofMillis(300))
            .build()
            .start();
    try (RpcClient client = RpcClient.connect(daemon);
        RpcClient syncer = RpcClient.connect(daemon)) {
      // a change whose export is pending (its debounce is an hour)
      client.result("issue.create", "{\"title\":\"waits for its export\"}");
      try (Connection writer = holdWriteLock()) {
        // the sync thread stays inside the sync's export, waiting for the write lock
        syncer.sendLine("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sync\"}");
        awaitOnThread(daemon, "-sync", "sync");

        assertThatThrownBy(daemon::close)
            .isInstanceOf(DaemonShutdownException.class)
            .hasMessageContaining("has not stopped after PT0.3S");
        try (Statement statement = writer.createStatement()) {
          statement.execute("ROLLBACK");
        }
      }
    }
    assertThat(daemon.awaitTermination(WAIT)).isTrue();

    // no export ran on the stop thread beside the sync; the close reports the change unexported
    assertThat(daemon.exports().count()).isZero();
    assertThatThrownBy(daemon::close)
        .isInstanceOf(DaemonShutdownException.class)
        .hasMessageContaining("stopped, but a change was not exported")
        .satisfies(e -> assertThat(((DaemonShutdownException) e).threads()).isEmpty());
    assertThat(Daemons.threadsNamed(daemon.threadNamePrefix())).isEmpty();
    assertThat(workspace.resolve(".tracker/daemon.lock")).doesNotExist();
  }

  /** Another connection to the database file that holds its write lock until rolled back. */
  private Connection holdWriteLock() throws SQLException {
    Path database = workspace.resolve(".tracker/tracker.db");
    assertThat(database).exists();
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
    }
    return connection;
  }

  /** Waits until a connection thread of the daemon is inside {@code TrackerService.create}. */
  private static void awaitInCreate(TrackerDaemon daemon) {
    awaitOnThread(daemon, "-conn-", "create");
  }

  /** Waits until a thread of the daemon with this role is inside this TrackerService method. */
  private static void awaitOnThread(TrackerDaemon daemon, String role, String method) {
    await("a " + role + " thread inside TrackerService." + method)
        .atMost(WAIT)
        .until(
            () ->
                Thread.getAllStackTraces().entrySet().stream()
                    .filter(
                        entry ->
                            entry.getKey().getName().startsWith(daemon.threadNamePrefix() + role))
                    .anyMatch(
                        entry ->
                            Arrays.stream(entry.getValue())
                                .anyMatch(
                                    frame ->
                                        frame
                                                .getClassName()
                                                .equals("dev.tracker.core.TrackerService")
                                            && frame.getMethodName().equals(method))));
  }

  private static boolean refusesConnections(TrackerDaemon daemon) {
    if (!Files.exists(daemon.socket())) {
      return true;
    }
    try {
      RpcClient.connect(daemon).close();
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
