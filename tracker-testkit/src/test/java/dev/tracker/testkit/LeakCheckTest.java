package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.core.internal.Tracking;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Planted leaks fail their class with a message that points at the culprit. */
class LeakCheckTest {

  /** What the fixtures leaked, released after each test so that nothing outlives it. */
  static final List<AutoCloseable> LEAKED = Collections.synchronizedList(new ArrayList<>());

  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @AfterEach
  void releaseWhatTheFixturesLeaked() {
    closeLeaked();
  }

  static void closeLeaked() {
    synchronized (LEAKED) {
      for (AutoCloseable leaked : LEAKED) {
        try {
          leaked.close();
        } catch (Exception e) {
          throw new IllegalStateException("cannot close " + leaked, e);
        }
      }
      LEAKED.clear();
    }
  }

  @AfterAll
  static void endTheLeakedThreads() {
    RELEASE.countDown();
  }

  private static void leak(AutoCloseable resource) {
    LEAKED.add(resource);
  }

  private static String failureOf(EngineExecutionResults results, Class<?> fixture) {
    Throwable failure =
        Fixtures.classFailure(results, fixture)
            .orElseThrow(() -> new AssertionError(fixture.getSimpleName() + " did not fail"));
    assertThat(failure).isInstanceOf(LeakException.class);
    return String.valueOf(failure.getMessage());
  }

  // fixtures

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class LeakedThread {
    @Test
    void starts_a_thread_and_never_stops_it() {
      StandaloneLeakCheckTest.startWaiting("leaky-worker", RELEASE);
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class LeakedFile {
    @Test
    void opens_a_file_and_never_closes_it(TrackerWorkspace workspace) throws IOException {
      Files.writeString(workspace.root().resolve("notes.txt"), "open me");
      InputStream in = Files.newInputStream(workspace.root().resolve("notes.txt"));
      leak(in);
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class UnclosedService {
    @Test
    void connects_a_service_and_never_closes_it(TrackerWorkspace workspace) {
      TrackerService tracker =
          TrackerService.connect(workspace.root(), workspace.socket().orElseThrow());
      leak(tracker);
      tracker.stats();
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class UnclosedSocketChannel {
    @Test
    void connects_a_raw_channel_and_never_closes_it(TrackerWorkspace workspace) throws IOException {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      leak(channel);
      channel.connect(UnixDomainSocketAddress.of(workspace.socket().orElseThrow()));
      channel.write(
          ByteBuffer.wrap(
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\"}\n"
                  .getBytes(StandardCharsets.UTF_8)));
      // an answer means the daemon accepted the connection and serves it
      assertThat(channel.read(ByteBuffer.allocate(4096))).isPositive();
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class UnclosedDaemonConnection {
    @Test
    void opens_a_connection_and_never_closes_it(TrackerWorkspace workspace) {
      DaemonConnection connection = DaemonConnection.open(workspace.socket().orElseThrow());
      leak(connection);
      assertThat(connection.call("health")).contains("\"healthy\":true");
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class HeldPoolConnection {
    @Test
    void borrows_a_connection_of_the_daemons_pool_and_keeps_it(
        TrackerService tracker, TrackerWorkspace workspace) throws SQLException {
      tracker.stats(); // the daemon's database is open
      Connection borrowed = borrowFromPoolOf(workspace);
      leak(borrowed);
    }
  }

  @Fixture
  @TrackerDaemonTest(lifecycle = TrackerDaemonTest.Lifecycle.PER_METHOD)
  @LeakCheck(linger = "200ms")
  static class LeakInAPerMethodDaemon {
    @Test
    void clean(TrackerService tracker) {
      tracker.stats();
    }

    @Test
    void leaks(TrackerWorkspace workspace) {
      DaemonConnection connection = DaemonConnection.open(workspace.socket().orElseThrow());
      leak(connection);
      connection.call("health");
    }
  }

  @Fixture
  @TrackerTest
  @LeakCheck(linger = "200ms")
  static class UnclosedEmbeddedService {
    @Test
    void opens_an_embedded_service_of_its_own_and_never_closes_it(TrackerWorkspace workspace) {
      TrackerService own =
          TrackerService.embedded(
              TrackerConfig.builder(workspace.root())
                  .readConfigFile(false)
                  .environment(Map.of())
                  .build());
      leak(own);
      own.stats();
    }
  }

  @Fixture
  @TrackerTest
  @LeakCheck(linger = "200ms")
  static class HeldEmbeddedPoolConnection {
    @Test
    void borrows_a_connection_of_the_service_pool_and_keeps_it(
        TrackerService tracker, TrackerWorkspace workspace) throws SQLException {
      tracker.stats();
      leak(borrowFromPoolOf(workspace));
    }
  }

  static Connection borrowFromPoolOf(TrackerWorkspace workspace) throws SQLException {
    Tracking.Pool pool =
        Tracking.openServices().stream()
            .filter(service -> service.workspace().equals(workspace.root()))
            .flatMap(service -> service.currentPool().stream())
            .findFirst()
            .orElseThrow();
    return pool.dataSource().getConnection();
  }

  // tests

  @Test
  void a_thread_started_and_never_stopped_is_named_with_its_stack() {
    EngineExecutionResults results = Fixtures.run(LeakedThread.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(failureOf(results, LeakedThread.class))
        .contains("LeakedThread found 1 leak(s)")
        .contains("thread \"leaky-worker\"")
        .contains("StandaloneLeakCheckTest.waitInside");
  }

  @Test
  void a_file_opened_and_never_closed_is_named_with_its_path() {
    EngineExecutionResults results = Fixtures.run(LeakedFile.class);

    assertThat(failureOf(results, LeakedFile.class))
        .containsPattern("file descriptor \\d+ -> /.*/notes.txt is still open");
  }

  @Test
  void an_unclosed_service_is_named_with_its_workspace_and_where_it_was_created() {
    EngineExecutionResults results = Fixtures.run(UnclosedService.class);

    assertThat(failureOf(results, UnclosedService.class))
        .containsPattern("TrackerService \\(through the daemon at .*\\) of .* was not closed")
        .contains("created at:\n")
        .contains("UnclosedService.connects_a_service_and_never_closes_it")
        .contains("connection(s) to the daemon at");
  }

  @Test
  void an_unclosed_socket_channel_to_the_daemon_is_found_by_the_daemon() {
    EngineExecutionResults results = Fixtures.run(UnclosedSocketChannel.class);

    assertThat(failureOf(results, UnclosedSocketChannel.class))
        .contains("1 connection(s) to the daemon at")
        .contains("none is a tracker client")
        .contains("-conn-");
  }

  @Test
  void an_unclosed_daemon_connection_is_named_with_where_it_was_opened() {
    EngineExecutionResults results = Fixtures.run(UnclosedDaemonConnection.class);

    assertThat(failureOf(results, UnclosedDaemonConnection.class))
        .contains("held by a DaemonConnection, was not closed; opened at:")
        .contains("UnclosedDaemonConnection.opens_a_connection_and_never_closes_it");
  }

  @Test
  void a_pool_connection_held_in_the_daemon_is_named_with_its_pool() {
    EngineExecutionResults results = Fixtures.run(HeldPoolConnection.class);

    assertThat(failureOf(results, HeldPoolConnection.class))
        .containsPattern("pool tracker-db\\[tracker-HeldPoolConnection-\\d+\\] of the service of")
        .contains("1 connection(s) borrowed and not given back");
  }

  @Test
  void an_embedded_service_left_open_is_named_with_its_pool() {
    EngineExecutionResults results = Fixtures.run(UnclosedEmbeddedService.class);

    assertThat(failureOf(results, UnclosedEmbeddedService.class))
        .containsPattern(
            "TrackerService \\(embedded\\) of .*tracker-UnclosedEmbeddedService-\\d+ was not"
                + " closed; its pool tracker-db\\[.*\\] holds \\d connection\\(s\\), 0 in use")
        .contains(
            "UnclosedEmbeddedService.opens_an_embedded_service_of_its_own_and_never_closes_it");
  }

  @Test
  void a_pool_connection_held_in_an_embedded_service_is_named_with_its_pool() {
    EngineExecutionResults results = Fixtures.run(HeldEmbeddedPoolConnection.class);

    assertThat(failureOf(results, HeldEmbeddedPoolConnection.class))
        .contains("1 connection(s) borrowed and not given back");
  }

  @Test
  void a_leak_into_a_per_method_daemon_fails_the_class_naming_the_method() {
    EngineExecutionResults results = Fixtures.run(LeakInAPerMethodDaemon.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(failureOf(results, LeakInAPerMethodDaemon.class))
        .containsPattern("tracker-daemon\\[tracker-LeakInAPerMethodDaemon-leaks-\\d+\\]-conn-")
        .contains("LeakInAPerMethodDaemon.leaks");
  }
}
