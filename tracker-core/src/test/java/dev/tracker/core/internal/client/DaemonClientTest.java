package dev.tracker.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tracker.core.DaemonUnavailableException;
import dev.tracker.core.TrackerException;
import dev.tracker.core.ValidationException;
import dev.tracker.core.Version;
import dev.tracker.core.internal.Tracking;
import dev.tracker.core.internal.protocol.LineBuffer;
import dev.tracker.core.internal.protocol.Method;
import dev.tracker.core.internal.protocol.RpcError;
import dev.tracker.core.internal.protocol.Wire;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Connections, timeouts and failures, against a real socket. */
class DaemonClientTest {

  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Duration LONG = Duration.ofSeconds(20);
  private static final JsonNode STATS = Wire.JSON.readTree("{\"total\":0}");

  @TempDir Path directory;
  private CannedDaemon daemon;
  private final List<DaemonClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    daemon = CannedDaemon.start(directory.resolve("daemon.sock"));
    daemon.reply("stats", CannedDaemon.result(STATS));
  }

  @AfterEach
  void stop() {
    clients.forEach(DaemonClient::close);
    daemon.close();
  }

  private DaemonClient client(Duration timeout, int poolSize) {
    DaemonClient client = new DaemonClient(daemon.socket(), timeout, poolSize);
    clients.add(client);
    return client;
  }

  private DaemonClient client() {
    return client(LONG, DaemonClient.DEFAULT_POOL_SIZE);
  }

  private static ObjectNode id(String id) {
    return Wire.JSON.createObjectNode().put("id", id);
  }

  private static JsonNode stats(DaemonClient client) {
    return client.call(Method.STATS, null);
  }

  private void awaitServerSeesAllClosed() {
    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.openConnections() == 0);
  }

  @Test
  void nothing_is_connected_before_the_first_call() {
    DaemonClient client = client();

    assertThat(daemon.accepted()).isZero();
    assertThat(stats(client)).isEqualTo(STATS);
    assertThat(daemon.accepted()).isEqualTo(1);
  }

  @Test
  void a_new_connection_asks_for_health_first_and_then_carries_the_call() {
    stats(client());

    assertThat(daemon.requests())
        .extracting(request -> request.path("method").stringValue())
        .containsExactly("health", "stats");
  }

  @Test
  void one_connection_carries_successive_calls_with_increasing_ids() {
    DaemonClient client = client();

    stats(client);
    stats(client);
    stats(client);

    assertThat(daemon.accepted()).isEqualTo(1);
    assertThat(daemon.requests())
        .extracting(request -> request.path("id").longValue())
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(daemon.requests("health")).hasSize(1);
  }

  @Test
  void the_pool_never_exceeds_its_size_under_16_concurrent_callers_and_reuses_connections()
      throws Exception {
    DaemonClient client = client(LONG, 4);
    // the first four stats calls are answered only once all four are in flight at once
    daemon.reply("stats", CannedDaemon.whenAllArrived(new CountDownLatch(4), STATS));
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      List<Future<JsonNode>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(callers.submit(() -> stats(client)));
      }
      for (Future<JsonNode> call : calls) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(STATS);
      }
    } finally {
      callers.shutdownNow();
      assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(daemon.requests("stats")).hasSize(16);
    assertThat(daemon.maxOpenConnections()).isEqualTo(4);
    assertThat(daemon.accepted()).isEqualTo(4);
  }

  @Test
  void a_caller_beyond_the_pool_waits_for_a_connection_only_until_its_timeout() throws Exception {
    DaemonClient client = client(LONG, 1);
    daemon.reply("issue.get", CannedDaemon.stall());
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<JsonNode> stalled = caller.submit(() -> client.call(Method.ISSUE_GET, id("tr-1")));
      await().atMost(Duration.ofSeconds(10)).until(() -> !daemon.requests("issue.get").isEmpty());

      assertThatThrownBy(() -> client.call(Method.STATS, null, Duration.ofMillis(100)))
          .isInstanceOf(DaemonUnavailableException.class)
          .hasMessageContaining("became free within 100 ms")
          .hasMessageContaining("all 1 stayed in use");

      // close() does not wait for the call in flight: it closes its connection under it
      client.close();
      assertThatThrownBy(() -> stalled.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    } finally {
      caller.shutdownNow();
    }
    assertThat(daemon.accepted()).isEqualTo(1);
  }

  @Test
  void a_call_past_its_timeout_closes_its_connection_and_the_next_call_opens_a_new_one() {
    DaemonClient client = client(SHORT, 1);
    daemon.reply("issue.get", CannedDaemon.stall());
    // only the stalled call runs on the client's short timeout: a slow machine fails nothing else
    client.call(Method.STATS, null, LONG);

    assertThatThrownBy(() -> client.call(Method.ISSUE_GET, id("tr-1")))
        .isInstanceOf(DaemonUnavailableException.class)
        .hasMessageContaining(daemon.socket().toString())
        .hasMessageContaining("did not answer issue.get within 300 ms");
    awaitServerSeesAllClosed();

    assertThat(client.call(Method.STATS, null, LONG)).isEqualTo(STATS);
    assertThat(daemon.accepted()).isEqualTo(2);
  }

  @Test
  void an_answer_with_the_wrong_id_fails_the_call_and_its_connection() {
    DaemonClient client = client();
    daemon.reply("issue.get", CannedDaemon.wrongId(STATS));

    assertThatThrownBy(() -> client.call(Method.ISSUE_GET, id("tr-1")))
        .isExactlyInstanceOf(TrackerException.class)
        .hasMessageContaining("the answer has id 1002, the request had id 2");
    awaitServerSeesAllClosed();

    assertThat(stats(client)).isEqualTo(STATS);
    assertThat(daemon.accepted()).isEqualTo(2);
  }

  @Test
  void an_answer_that_is_not_json_fails_the_call_and_its_connection() {
    DaemonClient client = client();
    daemon.reply("issue.get", CannedDaemon.garbage());

    assertThatThrownBy(() -> client.call(Method.ISSUE_GET, id("tr-1")))
        .isExactlyInstanceOf(TrackerException.class)
        .hasMessageContaining("not JSON: this is not JSON");
    awaitServerSeesAllClosed();

    assertThat(stats(client)).isEqualTo(STATS);
    assertThat(daemon.accepted()).isEqualTo(2);
  }

  @Test
  void an_error_answer_without_id_fails_the_call_and_retires_its_connection() {
    DaemonClient client = client();
    daemon.reply(
        "issue.get",
        (request, peer) ->
            peer.write(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"line"
                    + " too long\"}}\n"));

    assertThatThrownBy(() -> client.call(Method.ISSUE_GET, id("tr-1")))
        .isExactlyInstanceOf(TrackerException.class)
        .hasMessageContaining("line too long");
    awaitServerSeesAllClosed();

    assertThat(stats(client)).isEqualTo(STATS);
    assertThat(daemon.accepted()).isEqualTo(2);
  }

  @Test
  void a_connection_closed_mid_answer_fails_the_call_without_sending_it_again() {
    DaemonClient client = client();
    daemon.reply("issue.close", CannedDaemon.closeMidAnswer());

    assertThatThrownBy(() -> client.call(Method.ISSUE_CLOSE, Wire.params("tr-1", "reason", "done")))
        .isInstanceOf(DaemonUnavailableException.class)
        .hasMessageContaining("closed the connection before answering issue.close")
        .hasMessageContaining("may have been made");

    assertThat(daemon.requests("issue.close")).hasSize(1);
    assertThat(daemon.accepted()).isEqualTo(1);
  }

  @Test
  void a_connection_the_daemon_closed_between_calls_is_replaced_and_the_call_sent_once() {
    DaemonClient client = client();
    stats(client);

    daemon.dropConnections();

    assertThat(stats(client)).isEqualTo(STATS);
    assertThat(daemon.accepted()).isEqualTo(2);
    assertThat(daemon.requests("stats")).hasSize(2);
  }

  @Test
  void no_socket_is_daemon_unavailable_naming_the_path_and_how_to_start_one() {
    Path missing = directory.resolve("missing.sock");
    DaemonClient client = new DaemonClient(missing);
    clients.add(client);

    assertThatThrownBy(() -> stats(client))
        .isInstanceOf(DaemonUnavailableException.class)
        .hasMessageContaining("No tracker daemon answers at " + missing)
        .hasMessageContaining("tracker daemon start");
  }

  @Test
  void a_socket_nobody_listens_on_is_daemon_unavailable() throws Exception {
    Path dead = directory.resolve("dead.sock");
    // a server that stopped without removing its socket file
    ServerSocketChannel.open(StandardProtocolFamily.UNIX)
        .bind(UnixDomainSocketAddress.of(dead))
        .close();
    DaemonClient client = new DaemonClient(dead);
    clients.add(client);

    assertThat(dead).exists();
    assertThatThrownBy(() -> stats(client))
        .isInstanceOf(DaemonUnavailableException.class)
        .hasMessageContaining("No tracker daemon answers at " + dead);
  }

  @Test
  void a_daemon_of_another_version_is_refused_naming_both_versions() {
    daemon.health("0.0.1-old", true);
    DaemonClient client = client();

    assertThatThrownBy(() -> stats(client))
        .isInstanceOf(DaemonUnavailableException.class)
        .hasMessageContaining("runs version 0.0.1-old")
        .hasMessageContaining("this library is version " + Version.current())
        .hasMessageContaining("`tracker daemon stop`, then `tracker daemon start`");
    assertThat(daemon.requests("stats")).isEmpty();
    awaitServerSeesAllClosed();
  }

  @Test
  void a_daemon_of_another_version_can_still_be_stopped() {
    daemon.health("0.0.1-old", true);
    daemon.reply(
        "stop", CannedDaemon.result(Wire.JSON.createObjectNode().put("status", "stopping")));
    DaemonClient client = client();

    assertThat(client.stop()).isTrue();
    assertThat(daemon.requests("stop")).hasSize(1);
  }

  @Test
  void probe_returns_health_and_keeps_its_connection_for_the_next_call() {
    DaemonClient client = client();

    assertThat(client.probe(LONG))
        .hasValueSatisfying(health -> assertThat(health.path("healthy").booleanValue()).isTrue());
    stats(client);

    assertThat(daemon.accepted()).isEqualTo(1);
    assertThat(daemon.requests("health")).hasSize(1);
  }

  @Test
  void probe_without_a_daemon_is_empty() {
    DaemonClient client = new DaemonClient(directory.resolve("missing.sock"));
    clients.add(client);

    assertThat(client.probe(SHORT)).isEmpty();
  }

  @Test
  void probe_of_a_daemon_of_another_version_throws() {
    daemon.health("0.0.1-old", true);

    assertThatThrownBy(() -> client().probe(LONG))
        .isInstanceOf(DaemonUnavailableException.class)
        .hasMessageContaining("0.0.1-old");
  }

  @Test
  void a_request_over_one_mebibyte_is_refused_before_anything_is_sent() {
    DaemonClient client = client();
    stats(client);
    ObjectNode params = Wire.params("tr-1", "text", "x".repeat(LineBuffer.MAX_REQUEST));

    assertThatThrownBy(() -> client.call(Method.COMMENT_ADD, params))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("over the 1 MiB");

    assertThat(daemon.requests("comment.add")).isEmpty();
    assertThat(stats(client)).isEqualTo(STATS);
    assertThat(daemon.accepted()).isEqualTo(1);
  }

  @Test
  void an_interrupted_caller_stops_waiting_and_keeps_its_interrupt() {
    DaemonClient client = client();
    daemon.reply("issue.get", CannedDaemon.stall());
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              await()
                  .atMost(Duration.ofSeconds(10))
                  .until(() -> !daemon.requests("issue.get").isEmpty());
              caller.interrupt();
            },
            "test-interrupter");
    interrupter.start();

    try {
      assertThatThrownBy(() -> client.call(Method.ISSUE_GET, id("tr-1")))
          .isExactlyInstanceOf(TrackerException.class)
          .hasMessageContaining("Interrupted while calling issue.get");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    awaitServerSeesAllClosed();
  }

  @Test
  void close_closes_every_connection_and_later_calls_throw() {
    DaemonClient client = client();
    stats(client);

    client.close();
    client.close();

    awaitServerSeesAllClosed();
    assertThatThrownBy(() -> stats(client))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void an_error_answer_leaves_the_connection_in_the_pool() {
    DaemonClient client = client();
    daemon.reply("issue.get", CannedDaemon.error(RpcError.VALIDATION, "bad id", null));

    assertThatThrownBy(() -> client.call(Method.ISSUE_GET, id("tr-1")))
        .isExactlyInstanceOf(ValidationException.class);
    stats(client);

    assertThat(daemon.accepted()).isEqualTo(1);
  }

  @Test
  void every_open_connection_is_in_the_tracking_registry_until_it_is_closed() {
    DaemonClient client = client();
    stats(client);

    assertThat(Tracking.openConnections())
        .filteredOn(connection -> connection.socket().equals(daemon.socket()))
        .hasSize(1);

    client.close();

    assertThat(Tracking.openConnections())
        .filteredOn(connection -> connection.socket().equals(daemon.socket()))
        .isEmpty();
  }
}
