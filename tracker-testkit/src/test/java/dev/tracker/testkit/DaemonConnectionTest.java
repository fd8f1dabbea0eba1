package dev.tracker.testkit;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
