package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.client.LineConnection;
import dev.tracker.core.internal.protocol.LineBuffer;
import dev.tracker.core.internal.protocol.Wire;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The daemon tests' face on the tracker client's {@link LineConnection}: raw lines out and in, and
 * answers parsed and checked with AssertJ. It adds no framing, deadline or socket handling of its
 * own. (The testkit's {@code DaemonConnection} is the same face for users; the testkit depends on
 * this module, so these tests cannot use it: see {@code docs/decisions/0007-client.md}.)
 *
 * <p>Every wait has a timeout, so a daemon that does not answer fails the test instead of hanging
 * it.
 */
public final class RpcClient implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final LineConnection lines;
  private final LineBuffer line = new LineBuffer(LineBuffer.MAX_ANSWER);
  private boolean ended;

  private RpcClient(LineConnection lines) {
    this.lines = lines;
  }

  public static RpcClient connect(Path socket) throws IOException {
    return new RpcClient(LineConnection.open(socket, deadline(), "a daemon test's RpcClient"));
  }

  public static RpcClient connect(TrackerDaemon daemon) throws IOException {
    return connect(daemon.socket());
  }

  /** Calls a method and returns the whole response object. */
  public JsonNode call(String method, @Nullable String params) throws IOException {
    sendLine(lines.request(method, params));
    JsonNode response = response();
    assertThat(response.path("id").longValue())
        .as("id of the answer to %s", method)
        .isEqualTo(lines.lastId());
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
    String next = readLine();
    assertThat(next).as("an answer before the connection closed").isNotNull();
    return Wire.JSON.readTree(next);
  }

  public void sendLine(String text) throws IOException {
    send((text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public void send(byte[] bytes) throws IOException {
    try {
      lines.write(ByteBuffer.wrap(bytes), deadline());
    } catch (SocketTimeoutException e) {
      throw new AssertionError("The daemon did not let this client finish writing in " + TIMEOUT);
    }
  }

  /** Closes the sending side only: the daemon reads the end of input, this client can read on. */
  public void shutdownOutput() throws IOException {
    lines.shutdownOutput();
  }

  /**
   * The next line without its newline; at the end of input, what came after the last newline if
   * anything did, else null. A reset after the daemon's last line counts as the end of input.
   */
  public @Nullable String readLine() throws IOException {
    if (ended) {
      return null;
    }
    boolean complete;
    try {
      complete = lines.readLine(line, deadline());
    } catch (SocketTimeoutException e) {
      throw new AssertionError("The daemon did not let this client finish reading in " + TIMEOUT);
    } catch (InterruptedIOException | LineBuffer.LineTooLongException e) {
      throw e;
    } catch (IOException e) {
      // Linux resets a Unix socket whose peer closed with unread input: what was sent came first
      complete = false;
    }
    if (!complete) {
      ended = true;
      if (!line.finish()) {
        return null;
      }
    }
    return new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);
  }

  /** Whether the daemon closed the connection: reads (and drops) lines until the end of input. */
  public boolean closedByDaemon() throws IOException {
    while (readLine() != null) {
      // skip
    }
    return true;
  }

  private static long deadline() {
    return System.nanoTime() + TIMEOUT.toNanos();
  }

  /** Closes the connection; idempotent. Declares the exception its callers already handle. */
  @Override
  public void close() throws IOException {
    lines.close();
  }
}
