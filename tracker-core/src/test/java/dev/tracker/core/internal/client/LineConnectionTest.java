package dev.tracker.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.internal.Tracking;
import dev.tracker.core.internal.protocol.LineBuffer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's transport against a real Unix socket whose other end the test holds: framing across
 * reads, the deadline, an interrupt, a close from another thread, the request line, tracking.
 */
class LineConnectionTest {

  private static final long LONG = TimeUnit.SECONDS.toNanos(30);

  @TempDir Path directory;
  private Path socket;
  private ServerSocketChannel server;

  @BeforeEach
  void listen() throws IOException {
    socket = directory.resolve("line.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
  }

  @AfterEach
  void stopListening() throws IOException {
    server.close();
  }

  private static long in(long nanos) {
    return System.nanoTime() + nanos;
  }

  private static void write(SocketChannel peer, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      peer.write(bytes);
    }
  }

  private static String text(LineBuffer line) {
    return new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
  }

  @Test
  void lines_that_arrive_together_are_read_one_by_one_and_a_cut_off_rest_is_kept()
      throws Exception {
    try (LineConnection connection = LineConnection.open(socket, in(LONG), "a test")) {
      try (SocketChannel peer = server.accept()) {
        write(peer, "one\r\ntwo\nthr");
      }
      LineBuffer line = new LineBuffer(100);

      assertThat(connection.readLine(line, in(LONG))).isTrue();
      assertThat(text(line)).isEqualTo("one");
      assertThat(connection.hasUnreadInput()).isTrue();
      assertThat(connection.readLine(line, in(LONG))).isTrue();
      assertThat(text(line)).isEqualTo("two");
      assertThat(connection.readLine(line, in(LONG))).as("the end of input").isFalse();
      assertThat(line.finish()).isTrue();
      assertThat(text(line)).isEqualTo("thr");
    }
  }

  @Test
  void a_line_longer_than_the_buffer_takes_fails_the_read() throws Exception {
    try (LineConnection connection = LineConnection.open(socket, in(LONG), "a test");
        SocketChannel peer = server.accept()) {
      write(peer, "0123456789\n");

      assertThatThrownBy(() -> connection.readLine(new LineBuffer(8), in(LONG)))
          .isInstanceOf(LineBuffer.LineTooLongException.class)
          .hasMessageContaining("longer than 8 bytes");
    }
  }

  @Test
  void a_line_much_longer_than_one_read_is_collected_whole() throws Exception {
    String long1 = "x".repeat(3 * 64 * 1024 + 17);
    try (LineConnection connection = LineConnection.open(socket, in(LONG), "a test");
        SocketChannel peer = server.accept()) {
      // the peer's writes would fill the socket's buffer before the reader starts: write them on a
      // thread of the test's own, joined below
      CompletableFuture<Void> written = new CompletableFuture<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  write(peer, long1 + "\nshort\n");
                  written.complete(null);
                } catch (IOException e) {
                  written.completeExceptionally(e);
                }
              },
              "LineConnectionTest-writer");
      writer.start();
      LineBuffer line = new LineBuffer(LineBuffer.MAX_ANSWER);

      assertThat(connection.readLine(line, in(LONG))).isTrue();
      assertThat(text(line)).isEqualTo(long1);
      assertThat(connection.readLine(line, in(LONG))).isTrue();
      assertThat(text(line)).isEqualTo("short");
      written.get(30, TimeUnit.SECONDS);
      writer.join();
    }
  }

  @Test
  void a_read_past_its_deadline_throws_a_timeout_and_a_passed_deadline_reads_what_is_there()
      throws Exception {
    try (LineConnection connection = LineConnection.open(socket, in(LONG), "a test");
        SocketChannel peer = server.accept()) {
      LineBuffer line = new LineBuffer(100);

      assertThatThrownBy(() -> connection.readLine(line, in(TimeUnit.MILLISECONDS.toNanos(50))))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining(socket.toString());

      write(peer, "here\n");
      // a Unix socket puts a write in the reader's buffer before write returns: a deadline that
      // has passed reads what has arrived, and waits for nothing
      assertThat(connection.readLine(line, System.nanoTime() - 1)).isTrue();
      assertThat(text(line)).isEqualTo("here");
    }
  }

  @Test
  void an_interrupted_reader_stops_waiting_and_keeps_its_interrupt() throws Exception {
    try (LineConnection connection = LineConnection.open(socket, in(LONG), "a test");
        SocketChannel peer = server.accept()) {
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> connection.readLine(new LineBuffer(100), in(LONG)))
            .isInstanceOf(InterruptedIOException.class)
            .isNotInstanceOf(SocketTimeoutException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      assertThat(peer.isOpen()).isTrue();
    }
  }

  @Test
  void close_from_another_thread_wakes_a_waiting_reader() throws Exception {
    LineConnection connection = LineConnection.open(socket, in(LONG), "a test");
    try (SocketChannel peer = server.accept()) {
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try {
                  connection.readLine(new LineBuffer(100), in(LONG));
                  failure.complete(null);
                } catch (Throwable e) {
                  failure.complete(e);
                }
              },
              "LineConnectionTest-reader");
      reader.start();
      // the reader waits in select until the close: closing first or after, it fails at once
      connection.close();

      assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
      reader.join();
      assertThat(connection.isOpen()).isFalse();
      assertThat(peer.isOpen()).isTrue();
    } finally {
      connection.close();
    }
  }

  @Test
  void requests_carry_increasing_ids_and_params_as_given() throws Exception {
    try (LineConnection connection = LineConnection.open(socket, in(LONG), "a test");
        SocketChannel peer = server.accept()) {
      assertThat(connection.lastId()).isZero();
      assertThat(connection.request("health", null))
          .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\"}");
      assertThat(connection.request("issue.get", "[not an object"))
          .isEqualTo(
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"issue.get\",\"params\":[not an object}");
      assertThat(connection.lastId()).isEqualTo(2);
      assertThat(peer.isOpen()).isTrue();
    }
  }

  @Test
  void a_method_name_that_would_change_the_request_is_refused_and_takes_no_id() throws Exception {
    try (LineConnection connection = LineConnection.open(socket, in(LONG), "a test")) {
      assertThatThrownBy(() -> connection.request("health\",\"id\":7", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a method name: 'health\",\"id\":7'");
      assertThat(connection.lastId()).isZero();
    }
  }

  @Test
  void written_lines_reach_the_peer_and_end_with_a_newline() throws Exception {
    try (LineConnection connection = LineConnection.open(socket, in(LONG), "a test");
        SocketChannel peer = server.accept()) {
      connection.writeLine("{\"\u00e9\":1}", in(LONG));
      connection.shutdownOutput();

      ByteBuffer received = ByteBuffer.allocate(100);
      while (peer.read(received) >= 0) {
        // until the end of input, which shutdownOutput sent
      }
      assertThat(new String(received.array(), 0, received.position(), StandardCharsets.UTF_8))
          .isEqualTo("{\"é\":1}\n");
    }
  }

  @Test
  void a_connection_is_in_the_tracking_registry_under_its_owner_until_closed() throws Exception {
    LineConnection connection = LineConnection.open(socket, in(LONG), "LineConnectionTest's own");
    try (SocketChannel peer = server.accept()) {
      assertThat(Tracking.openConnections())
          .anySatisfy(
              open -> {
                assertThat(open.socket()).isEqualTo(socket);
                assertThat(open.owner()).isEqualTo("LineConnectionTest's own");
              });

      connection.close();
      connection.close();

      assertThat(Tracking.openConnections()).noneMatch(open -> open.socket().equals(socket));
      assertThat(peer.isOpen()).isTrue();
    }
  }

  @Test
  void opening_where_nothing_listens_fails_and_leaves_nothing_open() throws Exception {
    Path nobody = directory.resolve("nobody.sock");

    assertThatThrownBy(() -> LineConnection.open(nobody, in(LONG), "a test"))
        .isInstanceOf(IOException.class);
    assertThat(Tracking.openConnections()).noneMatch(open -> open.socket().equals(nobody));
  }
}
