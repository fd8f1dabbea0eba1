package dev.tracker.testkit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The raw protocol client, against a real daemon: this class runs under the extension itself, in
 * the build's own JVM, leak check included. What a daemon never does (answer garbage, hang up, not
 * answer) is played by a socket the test holds.
 */
@TrackerDaemonTest
class DaemonConnectionTest {

  @Test
  void calls_get_increasing_ids_and_return_the_answer_line(DaemonConnection connection) {
    assertThat(connection.call("health")).contains("\"id\":1", "\"healthy\":true");
    assertThat(connection.call("health")).contains("\"id\":2");
  }

  @Test
  void params_are_sent_as_given(DaemonConnection connection) {
    assertThat(connection.call("issue.create", "{\"title\":\"raw\"}"))
        .contains("\"result\"", "\"title\":\"raw\"");
  }

  @Test
  void a_line_is_sent_as_it_is(DaemonConnection connection) {
    assertThat(connection.send("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"health\"}"))
        .contains("\"id\":42");
    assertThat(connection.send("not json")).contains("-32700");
  }

  @Test
  void an_unknown_method_gets_the_protocol_error(DaemonConnection connection) {
    assertThat(connection.call("nope")).contains("-32601", "Unknown method: nope");
  }

  @Test
  void a_method_name_that_would_break_the_request_is_refused(DaemonConnection connection) {
    assertThatThrownBy(() -> connection.call("health\",\"id\":7"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a method name");
  }

  @Test
  void a_closed_connection_says_so(TrackerWorkspace workspace) {
    DaemonConnection connection = DaemonConnection.open(workspace.socket().orElseThrow());
    connection.close();
    connection.close();

    assertThat(connection.isOpen()).isFalse();
    assertThatThrownBy(() -> connection.call("health"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void opening_where_nothing_listens_names_the_socket(@TempDir Path directory) {
    Path socket = directory.resolve("nobody.sock");

    assertThatThrownBy(() -> DaemonConnection.open(socket))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(socket.toString());
  }

  @Test
  void an_answer_is_given_as_its_line_and_parsed_once(DaemonConnection connection) {
    DaemonConnection.Answer created =
        connection.callForAnswer("issue.create", "{\"title\":\"parsed\"}");

    assertThat(created.raw()).startsWith("{").contains("\"title\":\"parsed\"");
    assertThat(created.toString()).isEqualTo(created.raw());
    assertThat(created.json().at("/result/title").stringValue()).isEqualTo("parsed");
    assertThat(created.json()).isSameAs(created.json());
  }

  @Test
  void a_line_sent_as_it_is_gets_its_answer_parsed(DaemonConnection connection) {
    DaemonConnection.Answer answer = connection.sendForAnswer("not json");

    assertThat(answer.json().at("/error/code").intValue()).isEqualTo(-32700);
    assertThat(answer.json().get("id").isNull()).isTrue();
  }

  @Test
  void result_gives_the_parsed_result_and_fails_naming_an_error(DaemonConnection connection) {
    JsonNode created = connection.result("issue.create", "{\"title\":\"as a tree\"}");

    assertThat(created.path("title").stringValue()).isEqualTo("as a tree");
    assertThat(connection.result("issue.list").get(0).path("id").stringValue())
        .isEqualTo(created.path("id").stringValue());
    assertThatThrownBy(() -> connection.result("nope"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expecting a result but the daemon answered the error -32601: Unknown method: nope");
  }

  @Test
  void an_answer_is_either_a_result_or_an_error(DaemonConnection connection) {
    DaemonConnection.Answer error = connection.callForAnswer("nope");
    DaemonConnection.Answer health = connection.callForAnswer("health");

    assertThat(error.isError()).isTrue();
    assertThat(error.error().path("code").intValue()).isEqualTo(-32601);
    assertThat(error.error().path("message").stringValue()).isEqualTo("Unknown method: nope");
    assertThatThrownBy(error::result).isInstanceOf(AssertionError.class);
    assertThat(health.isError()).isFalse();
    assertThat(health.result().path("healthy").booleanValue()).isTrue();
    assertThatThrownBy(health::error)
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expecting an error but the daemon answered a result: {");
  }

  /**
   * Past both limits the client had: 256 MiB a line, and Jackson's 100 million characters a string.
   * A peer the test holds writes the answer: a real daemon holds no string that long (its own
   * parser has that limit), and 270 MB of issues would take a minute to import.
   */
  @Test
  void an_answer_of_over_256_mib_with_one_string_over_jacksons_limit_arrives_whole_and_parses(
      @TempDir Path directory) throws Exception {
    int length = 270_000_000;
    Path socket = directory.resolve("large.sock");
    try (ServerSocketChannel server = listen(socket);
        DaemonConnection connection = DaemonConnection.open(socket)) {
      SocketChannel peer = server.accept();
      CompletableFuture<Void> written = new CompletableFuture<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  write(peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"");
                  ByteBuffer chunk = ByteBuffer.wrap("x".repeat(1 << 20).getBytes(US_ASCII));
                  for (int left = length; left > 0; left -= chunk.limit()) {
                    chunk.clear().limit(Math.min(left, chunk.capacity()));
                    while (chunk.hasRemaining()) {
                      peer.write(chunk);
                    }
                  }
                  write(peer, "y\"}}\n");
                  written.complete(null);
                } catch (IOException | RuntimeException e) {
                  written.completeExceptionally(e);
                }
              },
              "DaemonConnectionTest-writer");
      writer.start();
      try {
        DaemonConnection.Answer answer = connection.callForAnswer("issue.list");

        assertThat(answer.raw().length()).isGreaterThan(256 << 20);
        String text = answer.result().path("text").stringValue();
        assertThat(text.length()).isEqualTo(length + 1);
        assertThat(text.charAt(0)).isEqualTo('x');
        assertThat(text.charAt(length)).isEqualTo('y');
        assertThat(written).succeedsWithin(Duration.ofSeconds(30));
      } finally {
        // wakes a writer still blocked, if the read failed
        peer.close();
        writer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(writer.isAlive()).isFalse();
      }
    }
  }

  @Test
  void an_answer_that_is_not_json_says_so_when_parsed(@TempDir Path directory) throws IOException {
    Path socket = directory.resolve("fake.sock");
    try (ServerSocketChannel server = listen(socket);
        DaemonConnection connection = DaemonConnection.open(socket);
        SocketChannel peer = server.accept()) {
      write(peer, "this is not JSON\n");

      DaemonConnection.Answer answer = connection.callForAnswer("health");

      assertThat(answer.raw()).isEqualTo("this is not JSON");
      assertThatThrownBy(answer::json)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("The daemon's answer is not JSON")
          .hasMessageContaining("this is not JSON");
    }
  }

  @Test
  void a_daemon_that_hangs_up_before_answering_fails_the_call(@TempDir Path directory)
      throws IOException {
    Path socket = directory.resolve("fake.sock");
    try (ServerSocketChannel server = listen(socket);
        DaemonConnection connection = DaemonConnection.open(socket)) {
      server.accept().close();

      assertThatThrownBy(() -> connection.call("health"))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("The daemon at " + socket + " did not answer")
          .hasMessageContaining("\"method\":\"health\"");
    }
  }

  @Test
  void no_answer_within_the_timeout_fails_the_call_naming_the_timeout(@TempDir Path directory)
      throws IOException {
    Path socket = directory.resolve("fake.sock");
    try (ServerSocketChannel server = listen(socket);
        DaemonConnection connection = DaemonConnection.open(socket, Duration.ofMillis(200));
        SocketChannel peer = server.accept()) {
      assertThatThrownBy(() -> connection.call("health"))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("did not answer within 200 ms");
      assertThat(peer.isOpen()).isTrue();
    }
  }

  @Test
  void an_interrupted_caller_stops_waiting_and_keeps_its_interrupt(@TempDir Path directory)
      throws IOException {
    Path socket = directory.resolve("fake.sock");
    try (ServerSocketChannel server = listen(socket);
        DaemonConnection connection = DaemonConnection.open(socket);
        SocketChannel peer = server.accept()) {
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> connection.call("health"))
            .isInstanceOf(UncheckedIOException.class)
            .hasCauseInstanceOf(InterruptedIOException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      assertThat(peer.isOpen()).isTrue();
    }
  }

  private static ServerSocketChannel listen(Path socket) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return server;
  }

  private static void write(SocketChannel peer, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      peer.write(bytes);
    }
  }
}
