package dev.tracker.testkit;

import dev.tracker.core.internal.client.LineConnection;
import dev.tracker.core.internal.protocol.LineBuffer;
import dev.tracker.core.internal.protocol.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One connection to a daemon's Unix socket that speaks the protocol ({@code docs/PROTOCOL.md}) raw:
 * JSON-RPC lines out, answer lines back. It is for tests of the protocol itself: what the daemon
 * answers, byte for byte, to a good request, a bad one or a line that is not JSON at all. A {@link
 * dev.tracker.core.TrackerService} is the better client for everything else: it maps answers to
 * values and errors to exceptions.
 *
 * <pre>{@code
 * @TrackerDaemonTest
 * class ProtocolTest {
 *   @Test
 *   void an_unknown_method_is_named(DaemonConnection connection) {
 *     assertThat(connection.call("nope")).contains("-32601", "Unknown method: nope");
 *     assertThat(connection.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"health\"}"))
 *         .contains("\"id\":7");
 *   }
 *
 *   @Test
 *   void a_created_issue_is_listed(DaemonConnection connection) {
 *     connection.call("issue.create", "{\"title\":\"one\"}");
 *
 *     DaemonConnection.Answer list = connection.callForAnswer("issue.list");
 *     assertThat(list.json().at("/result/0/title").stringValue()).isEqualTo("one");
 *     assertThat(list.raw()).contains("\"title\":\"one\"");
 *   }
 * }
 * }</pre>
 *
 * <p>Answers are read whole, however long: the protocol sets no limit on them, and this connection
 * has none of its own beyond the tracker client's safety cap of 256 MiB a line. It adds no
 * handshake: the first line the daemon reads is the first one sent here.
 *
 * <p>One request at a time: not thread-safe. Every wait is bounded by the timeout (30 seconds
 * unless given), after which the call throws. No thread is started: the waits are selects on the
 * connection's own selector. Injected ones are closed by the extension; one opened with {@link
 * #open} must be closed by its opener, or the leak check reports it with the stack that opened it.
 */
public final class DaemonConnection implements AutoCloseable {

  /** How long a call waits for its answer unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final LineConnection lines;
  private final Duration timeout;

  private DaemonConnection(LineConnection lines, Duration timeout) {
    this.lines = lines;
    this.timeout = timeout;
  }

  /**
   * Connects to the daemon at this socket.
   *
   * @throws UncheckedIOException if nothing accepts there
   */
  public static DaemonConnection open(Path socket) {
    return open(socket, DEFAULT_TIMEOUT);
  }

  /**
   * Connects to the daemon at this socket; connecting, and each call, waits at most {@code
   * timeout}.
   *
   * @throws UncheckedIOException if nothing accepts there
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public static DaemonConnection open(Path socket, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    try {
      return new DaemonConnection(
          LineConnection.open(socket, deadline(timeout), "a DaemonConnection"), timeout);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot connect to the daemon at " + socket, e);
    }
  }

  /** The daemon's socket. */
  public Path socket() {
    return lines.socket();
  }

  /** Whether {@link #close()} has not been called. */
  public boolean isOpen() {
    return lines.isOpen();
  }

  /**
   * Calls a method without params; the request gets the next id of this connection (1, 2, ...).
   *
   * @return the answer line, without its newline
   * @throws IllegalArgumentException if {@code method} is not a method name (letters, digits,
   *     {@code .}, {@code _}, {@code -}, starting with a letter); nothing is sent
   */
  public String call(String method) {
    return callForAnswer(method).raw();
  }

  /**
   * Calls a method with params.
   *
   * @param paramsJson the params, a JSON object as text: {@code {"title":"one"}}; sent as given
   * @return the answer line, without its newline
   * @throws IllegalArgumentException if {@code method} is not a method name; nothing is sent
   */
  public String call(String method, String paramsJson) {
    return callForAnswer(method, paramsJson).raw();
  }

  /**
   * Sends one line (a newline is added) and returns the next line the daemon sends back.
   *
   * @throws UncheckedIOException if the connection fails, the daemon closes it before answering, or
   *     no answer comes within the timeout
   * @throws IllegalStateException if this connection is closed
   */
  public String send(String line) {
    return sendForAnswer(line).raw();
  }

  /**
   * {@link #call(String)}, with the answer as its line and as JSON.
   *
   * <pre>{@code
   * JsonNode health = connection.callForAnswer("health").json().path("result");
   * }</pre>
   */
  public Answer callForAnswer(String method) {
    requireOpen();
    return sendForAnswer(lines.request(method, null));
  }

  /** {@link #call(String, String)}, with the answer as its line and as JSON. */
  public Answer callForAnswer(String method, String paramsJson) {
    requireOpen();
    return sendForAnswer(lines.request(method, paramsJson));
  }

  /** {@link #send(String)}, with the answer as its line and as JSON. */
  public Answer sendForAnswer(String line) {
    requireOpen();
    long deadline = deadline(timeout);
    try {
      lines.writeLine(line, deadline);
      LineBuffer answer = new LineBuffer(LineBuffer.MAX_ANSWER);
      if (!lines.readLine(answer, deadline)) {
        throw new IOException("the daemon closed the connection");
      }
      return new Answer(new String(answer.bytes(), 0, answer.length(), StandardCharsets.UTF_8));
    } catch (SocketTimeoutException e) {
      throw new UncheckedIOException(
          "The daemon at "
              + socket()
              + " did not answer within "
              + format(timeout)
              + ": "
              + preview(line),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The daemon at " + socket() + " did not answer: " + preview(line), e);
    }
  }

  private void requireOpen() {
    if (!lines.isOpen()) {
      throw new IllegalStateException("This DaemonConnection to " + socket() + " is closed");
    }
  }

  private static long deadline(Duration timeout) {
    return System.nanoTime() + timeout.toNanos();
  }

  private static String format(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private static String preview(String line) {
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /** Closes the connection; idempotent. */
  @Override
  public void close() {
    lines.close();
  }

  @Override
  public String toString() {
    return "DaemonConnection[" + socket() + "]";
  }

  /**
   * One answer line of the daemon: as it came ({@link #raw()}) and parsed ({@link #json()}).
   *
   * <pre>{@code
   * Answer created = connection.callForAnswer("issue.create", "{\"title\":\"one\"}");
   * String id = created.json().at("/result/id").stringValue();
   * }</pre>
   */
  public static final class Answer {

    private final String raw;
    private @Nullable JsonNode json;

    private Answer(String raw) {
      this.raw = raw;
    }

    /** The line as the daemon wrote it, without its newline. */
    public String raw() {
      return raw;
    }

    /**
     * The line parsed, once: a JSON-RPC answer is an object with {@code jsonrpc}, {@code id} and
     * either {@code result} or {@code error}.
     *
     * @throws IllegalStateException if the line is not JSON, which no daemon should ever answer
     */
    public JsonNode json() {
      if (json == null) {
        try {
          json = Wire.JSON.readTree(raw);
        } catch (JacksonException e) {
          throw new IllegalStateException(
              "The daemon's answer is not JSON (" + e.getOriginalMessage() + "): " + preview(raw),
              e);
        }
      }
      return json;
    }

    /** The line as the daemon wrote it. */
    @Override
    public String toString() {
      return raw;
    }
  }
}
