package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import tools.jackson.databind.JsonNode;

/**
 * Lines no client should send: each gets an error answer where one is possible, only the offending
 * connection is closed, the daemon goes on serving, and its threads and the process's file
 * descriptors come back to where they were.
 */
@Isolated // compares the whole process's open files with a baseline
class HostileInputTest {

  private static final int LIMIT = 4;
  private static final Duration SETTLE = Duration.ofSeconds(20);

  @TempDir Path workspace;
  private TrackerDaemon daemon;

  @BeforeEach
  void start() {
    daemon =
        TrackerDaemon.builder(Daemons.config(workspace).syncInterval(Duration.ofHours(1)).build())
            .maxConnections(LIMIT)
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  @Test
  void malformed_json_gets_32700_and_the_connection_goes_on() throws Exception {
    malformedJson();
  }

  @Test
  void lines_that_are_not_requests_get_32600() throws Exception {
    notRequests();
  }

  @Test
  void an_oversized_line_gets_32600_and_only_its_connection_is_closed() throws Exception {
    oversizedLine();
  }

  @Test
  void random_bytes_get_error_answers_and_the_daemon_goes_on() throws Exception {
    randomBytes();
  }

  @Test
  void a_half_closed_connection_gets_its_answer_and_is_closed() throws Exception {
    halfClosed();
  }

  @Test
  void connections_beyond_the_limit_get_one_error_line_and_are_closed() throws Exception {
    beyondTheLimit();
  }

  @Test
  void after_all_of_it_the_daemons_threads_and_the_open_files_come_back() throws Exception {
    assumeTrue(
        Daemons.procFdAvailable(), "no /proc/self/fd on this platform: cannot count descriptors");
    everything(); // warm-up: classes load, jar files open, the database pool settles
    List<String> threads = Daemons.threadsNamed(daemon.threadNamePrefix());
    List<String> files = Daemons.openFiles();

    everything();

    assertHealthy();
    await("the daemon's threads")
        .atMost(SETTLE)
        .untilAsserted(
            () -> assertThat(Daemons.threadsNamed(daemon.threadNamePrefix())).isEqualTo(threads));
    await("the open file descriptors")
        .atMost(SETTLE)
        .untilAsserted(() -> assertThat(Daemons.openFiles()).isEqualTo(files));
    assertThat(threads)
        .containsExactlyInAnyOrder(
            daemon.threadNamePrefix() + "-accept",
            daemon.threadNamePrefix() + "-timer",
            daemon.threadNamePrefix() + "-sync");
  }

  private void everything() throws Exception {
    malformedJson();
    notRequests();
    oversizedLine();
    randomBytes();
    halfClosed();
    beyondTheLimit();
    await().atMost(SETTLE).until(() -> daemon.connections() == 0);
  }

  // ---- the scenarios

  private void malformedJson() throws Exception {
    try (RpcClient client = RpcClient.connect(daemon)) {
      for (String line :
          List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":", "{{{", "not json", "{\"a\":}")) {
        client.sendLine(line);
        JsonNode error = client.response();
        assertThat(error.get("id").isNull()).as("id of the answer to %s", line).isTrue();
        assertThat(error.path("error").path("code").intValue()).isEqualTo(-32700);
      }
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
    }
  }

  private void notRequests() throws Exception {
    try (RpcClient client = RpcClient.connect(daemon)) {
      expectInvalid(client, "[1,2,3]", null);
      expectInvalid(client, "42", null);
      expectInvalid(client, "{\"id\":{\"no\":1},\"jsonrpc\":\"2.0\",\"method\":\"health\"}", null);
      expectInvalid(client, "{\"id\":3,\"method\":\"health\"}", 3);
      expectInvalid(client, "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"health\"}", 4);
      expectInvalid(client, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":7}", 5);
      expectInvalid(client, "{\"jsonrpc\":\"2.0\"}", null);
      JsonNode params = client.call("issue.get", "[1]");
      assertThat(params.path("error").path("code").intValue()).isEqualTo(-32602);
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
    }
  }

  private static void expectInvalid(RpcClient client, String line, @Nullable Integer id)
      throws IOException {
    client.sendLine(line);
    JsonNode answer = client.response();
    assertThat(answer.path("error").path("code").intValue())
        .as("answer to %s", line)
        .isEqualTo(-32600);
    if (id == null) {
      assertThat(answer.get("id").isNull()).as("id of the answer to %s", line).isTrue();
    } else {
      assertThat(answer.get("id").intValue()).isEqualTo(id);
    }
  }

  private void oversizedLine() throws Exception {
    try (RpcClient bystander = RpcClient.connect(daemon);
        RpcClient client = RpcClient.connect(daemon)) {
      bystander.call("nope");
      byte[] huge = new byte[(1 << 20) + 1024];
      Arrays.fill(huge, (byte) 'x');
      try {
        client.send(huge);
      } catch (IOException e) {
        // the daemon closed the connection while this was still being written: as it should
      }

      JsonNode error = client.response();

      assertThat(error.get("id").isNull()).isTrue();
      assertThat(error.path("error").path("code").intValue()).isEqualTo(-32600);
      assertThat(error.path("error").path("message").stringValue()).contains("1 MiB");
      assertThat(client.closedByDaemon()).isTrue();
      assertThat(bystander.result("health").path("healthy").booleanValue()).isTrue();
    }
  }

  private void randomBytes() throws Exception {
    byte[] noise = new byte[16 * 1024];
    new Random(42).nextBytes(noise);
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.send(noise);
      client.sendLine("");
      client.sendLine("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"health\"}");

      List<JsonNode> errors = new ArrayList<>();
      JsonNode answer = client.response();
      while (!answer.path("id").isNumber()) {
        errors.add(answer);
        answer = client.response();
      }

      assertThat(answer.path("id").intValue()).isEqualTo(99);
      assertThat(answer.path("result").path("healthy").booleanValue()).isTrue();
      assertThat(errors).isNotEmpty();
      assertThat(errors)
          .allSatisfy(
              error -> {
                assertThat(error.get("id").isNull()).isTrue();
                assertThat(error.path("error").path("code").intValue()).isIn(-32700, -32600);
              });
    }
  }

  private void halfClosed() throws Exception {
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.send(
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"hea".getBytes(StandardCharsets.UTF_8));
      client.shutdownOutput();

      assertThat(client.response().path("error").path("code").intValue()).isEqualTo(-32700);
      assertThat(client.closedByDaemon()).isTrue();
    }
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.send(
          "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"health\"}".getBytes(StandardCharsets.UTF_8));
      client.shutdownOutput();

      JsonNode answer = client.response();
      assertThat(answer.path("id").intValue()).isEqualTo(8);
      assertThat(answer.path("result").path("healthy").booleanValue()).isTrue();
      assertThat(client.closedByDaemon()).isTrue();
    }
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.shutdownOutput(); // nothing at all
      assertThat(client.closedByDaemon()).isTrue();
    }
  }

  private void beyondTheLimit() throws Exception {
    // connections closed by earlier scenarios count until their handler has seen the end
    await().atMost(SETTLE).until(() -> daemon.connections() == 0);
    List<RpcClient> served = new ArrayList<>();
    try {
      for (int i = 0; i < LIMIT; i++) {
        RpcClient client = RpcClient.connect(daemon);
        served.add(client);
        client.call("nope"); // answered: the daemon serves it
      }
      for (int i = 0; i < 3; i++) {
        try (RpcClient refused = RpcClient.connect(daemon)) {
          assertThat(refused.readLine())
              .isEqualTo(
                  "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"Too many connections (limit "
                      + LIMIT
                      + ")\"}}");
          assertThat(refused.closedByDaemon()).isTrue();
        }
      }
      assertThat(daemon.connections()).isEqualTo(LIMIT);

      served.remove(0).close();
      await().atMost(SETTLE).until(() -> daemon.connections() == LIMIT - 1);
      try (RpcClient again = RpcClient.connect(daemon)) {
        assertThat(again.result("health").path("healthy").booleanValue()).isTrue();
      }
    } finally {
      for (RpcClient client : served) {
        client.close();
      }
    }
  }

  private void assertHealthy() throws IOException {
    try (RpcClient client = RpcClient.connect(daemon)) {
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
    }
  }
}
