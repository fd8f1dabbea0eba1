package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw protocol client, against a real daemon: this class runs under the extension itself, in
 * the build's own JVM, leak check included.
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
}
