package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.protocol.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A small, real protocol client for tests: a socket channel, lines out, lines in. Every wait has a
 * timeout, so a daemon that does not answer fails the test instead of hanging it.
 */
public final class RpcClient implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final SocketChannel channel;
  private final Selector selector;
  private final ByteBuffer input = ByteBuffer.allocate(64 * 1024).flip();
  private int nextId = 1;
  private boolean eof;

  private RpcClient(SocketChannel channel, Selector selector) {
    this.channel = channel;
    this.selector = selector;
  }

  public static RpcClient connect(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    try {
      channel.configureBlocking(false);
      return new RpcClient(channel, Selector.open());
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  public static RpcClient connect(TrackerDaemon daemon) throws IOException {
    return connect(daemon.socket());
  }

  /** Calls a method and returns the whole response object. */
  public JsonNode call(String method, @Nullable String params) throws IOException {
    int id = nextId++;
    sendLine(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\""
            + method
            + "\""
            + (params == null ? "" : ",\"params\":" + params)
            + "}");
    JsonNode response = response();
    assertThat(response.path("id").intValue()).as("id of the answer to %s", method).isEqualTo(id);
    return response;
  }

  public JsonNode call(String method) throws IOException {
    return call(method, null);
  }

  /** Calls a method that must succeed and returns its result. */
  public JsonNode result(String method, @Nullable String params) throws IOException {
    JsonNode response = call(method, params);
    assertThat(response.has("error")).as("%s answered %s", method, response).isFalse();
    return response.get("result");
  }

  public JsonNode result(String method) throws IOException {
    return result(method, null);
  }

  /** Reads the next line and parses it. */
  public JsonNode response() throws IOException {
    String line = readLine();
    assertThat(line).as("an answer before the connection closed").isNotNull();
    return Wire.JSON.readTree(line);
  }

  public void sendLine(String line) throws IOException {
    send((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public void send(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long end = System.nanoTime() + TIMEOUT.toNanos();
    SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
    try {
      while (buffer.hasRemaining()) {
        if (channel.write(buffer) == 0) {
          waitFor(end, "writing");
        }
      }
    } finally {
      key.cancel();
      selector.selectNow();
    }
  }

  /** Closes the sending side only: the daemon reads the end of input, this client can read on. */
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  /** The next line without its newline; null at the end of input (or a reset after an answer). */
  public @Nullable String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long end = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      while (input.hasRemaining()) {
        byte b = input.get();
        if (b == '\n') {
          return line.toString(StandardCharsets.UTF_8);
        }
        line.write(b);
      }
      if (eof) {
        return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
      }
      input.clear();
      int read;
      try {
        read = channel.read(input);
      } catch (IOException e) {
        // Linux resets a Unix socket whose peer closed with unread input: what was sent came first
        read = -1;
      }
      input.flip();
      if (read < 0) {
        eof = true;
      } else if (read == 0) {
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        try {
          waitFor(end, "reading");
        } finally {
          key.cancel();
          selector.selectNow();
        }
      }
    }
  }

  /** Whether the daemon closed the connection: reads (and drops) lines until the end of input. */
  public boolean closedByDaemon() throws IOException {
    while (readLine() != null) {
      // skip
    }
    return true;
  }

  private void waitFor(long end, String what) throws IOException {
    long remaining = end - System.nanoTime();
    if (remaining <= 0) {
      throw new AssertionError(
          "The daemon did not let this client finish " + what + " in " + TIMEOUT);
    }
    selector.select(Math.max(1, remaining / 1_000_000));
  }

  @Override
  public void close() throws IOException {
    try {
      selector.close();
    } finally {
      channel.close();
    }
  }
}
