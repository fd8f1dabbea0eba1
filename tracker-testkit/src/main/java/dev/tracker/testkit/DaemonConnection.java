package dev.tracker.testkit;

import dev.tracker.core.internal.client.LineConnection;
import dev.tracker.core.internal.protocol.LineBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One connection to a daemon's Unix socket that speaks the protocol ({@code docs/PROTOCOL.md}) raw:
 * JSON-RPC lines out, answers back as their line and parsed. It is for tests of the protocol
 * itself: what the daemon answers to a good request, a bad one or a line that is not JSON at all. A
 * {@link dev.tracker.core.TrackerService} is the better client for everything else: it maps answers
 * to values and errors to exceptions.
 *
 * <pre>{@code
 * @TrackerDaemonTest
 * class ProtocolTest {
 *   @Test
 *   void a_created_issue_is_listed(DaemonConnection connection) {
 *     String id = connection.result("issue.create", "{\"title\":\"one\"}").path("id").stringValue();
 *
 *     JsonNode list = connection.result("issue.list");
 *     assertThat(list.get(0).path("id").stringValue()).isEqualTo(id);
 *   }
 *
 *   @Test
 *   void an_unknown_method_is_named(DaemonConnection connection) {
 *     DaemonConnection.Answer answer = connection.callForAnswer("nope");
 *     assertThat(answer.error().path("code").intValue()).isEqualTo(-32601);
 *     assertThat(answer.raw()).contains("Unknown method: nope"); // the line, byte for byte
 *   }
 * }
 * }</pre>
 *
 * <p><b>Three ways to read an answer.</b> {@link #result} gives the {@code result} of a call as a
 * Jackson 3 {@link JsonNode} (the JSON library tracker uses) and fails the test, naming the error,
 * when the daemon answered one. {@link #callForAnswer} and {@link #sendForAnswer} give the whole
 * {@link Answer}: its line as it came ({@link Answer#raw()}), parsed ({@link Answer#json()}), and
 * its {@link Answer#result()} or {@link Answer#error()}. {@link #call} and {@link #send} give the
 * line alone.
 *
 * <p><b>No size limit.</b> An answer is read whole however long it is: the protocol sets no limit
 * on answers, and this connection sets none of its own (the {@code TrackerService} client stops at
 * 256 MiB a line; this one does not), nor does its parser (Jackson's default limit of 100 million
 * characters a string is lifted). What bounds an answer is the JVM: a line is held in one array, at
 * most 2 GiB, and the test's heap, which needs a few times the line's size to parse it. Every wait
 * is bounded by the timeout. The daemon's limit is on requests: a line over 1 MiB is refused.
 *
 * <p>It adds no handshake: the first line the daemon reads is the first one sent here. One request
 * at a time: not thread-safe. Every wait is bounded by the timeout (30 seconds unless given), after
 * which the call throws. No thread is started: the waits are selects on the connection's own
 * selector. Injected ones are closed by the extension; one opened with {@link #open} must be closed
 * by its opener, or the leak check reports it with the stack that opened it.
 */
public final class DaemonConnection implements AutoCloseable {

  /** How long a call waits for its answer unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  // the longest array a JVM makes: an answer line has no limit of this connection's own
  private static final int NO_LIMIT = Integer.MAX_VALUE - 8;

  // the protocol's mapper without Jackson's limit on the length of a string (100 million chars)
  private static final JsonMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                  .build())
          .build();

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
   * Calls a method without params and returns its {@code result}, parsed.
   *
   * <pre>{@code
   * long issues = connection.result("status").path("issues").longValue();
   * }</pre>
   *
   * @throws AssertionError if the daemon answered an error, naming its code and message
   * @throws IllegalArgumentException if {@code method} is not a method name; nothing is sent
   */
  public JsonNode result(String method) {
    return callForAnswer(method).result();
  }

  /**
   * Calls a method with params and returns its {@code result}, parsed.
   *
   * @param paramsJson the params, a JSON object as text: {@code {"id":"tr-a1b2"}}; sent as given
   * @throws AssertionError if the daemon answered an error, naming its code and message
   * @throws IllegalArgumentException if {@code method} is not a method name; nothing is sent
   */
  public JsonNode result(String method, String paramsJson) {
    return callForAnswer(method, paramsJson).result();
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
      LineBuffer answer = new LineBuffer(NO_LIMIT);
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
   * One answer line of the daemon: as it came ({@link #raw()}) and parsed ({@link #json()}, {@link
   * #result()}, {@link #error()}).
   *
   * <pre>{@code
   * Answer created = connection.callForAnswer("issue.create", "{\"title\":\"one\"}");
   * String id = created.result().path("id").stringValue();
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
          json = JSON.readTree(raw);
        } catch (JacksonException e) {
          throw new IllegalStateException(
              "The daemon's answer is not JSON (" + e.getOriginalMessage() + "): " + preview(raw),
              e);
        }
      }
      return json;
    }

    /**
     * Whether the daemon answered an error ({@code error} instead of {@code result}).
     *
     * @throws IllegalStateException if the line is not JSON
     */
    public boolean isError() {
      return json().has("error");
    }

    /**
     * The answer's {@code result}: an object, an array, a string, whatever the method returns.
     *
     * @throws AssertionError if the daemon answered an error, naming its code and message
     * @throws IllegalStateException if the line is not JSON
     */
    public JsonNode result() {
      if (isError()) {
        JsonNode error = json().path("error");
        throw new AssertionError(
            "Expecting a result but the daemon answered the error "
                + error.path("code").asString()
                + ": "
                + error.path("message").asString()
                + (error.has("data") ? " (data: " + error.path("data") + ")" : ""));
      }
      if (!json().has("result")) {
        throw new IllegalStateException(
            "The daemon's answer has neither result nor error: " + preview(raw));
      }
      return json().path("result");
    }

    /**
     * The answer's {@code error}: an object with {@code code}, {@code message} and sometimes {@code
     * data}.
     *
     * @throws AssertionError if the daemon answered a result
     * @throws IllegalStateException if the line is not JSON
     */
    public JsonNode error() {
      if (!isError()) {
        throw new AssertionError(
            "Expecting an error but the daemon answered a result: " + preview(raw));
      }
      return json().path("error");
    }

    /** The line as the daemon wrote it. */
    @Override
    public String toString() {
      return raw;
    }
  }
}
