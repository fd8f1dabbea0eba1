package dev.tracker.core.internal.client;

import dev.tracker.core.ValidationException;
import dev.tracker.core.internal.client.CallFailure.Kind;
import dev.tracker.core.internal.protocol.LineBuffer;
import dev.tracker.core.internal.protocol.Wire;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One connection of a {@link DaemonClient}: JSON-RPC over a {@link LineConnection}. One caller at a
 * time (the pool hands it out); {@link #close()} may come from any thread and wakes a caller that
 * waits.
 *
 * <p>A connection carries one request at a time, so the answer to read is always the answer to the
 * request just written: the next line, with the same id. Anything else, and any failure, closes the
 * connection: an answer that did not arrive may still arrive later and must never be read as the
 * answer to another request.
 */
final class Connection implements AutoCloseable {

  private final LineConnection lines;
  private boolean verified;
  private boolean reusable = true;

  private Connection(LineConnection lines) {
    this.lines = lines;
  }

  /**
   * Connects to the socket.
   *
   * @throws IOException if nothing accepts there (no socket file, refused), the deadline passes or
   *     the thread is interrupted (its flag then stays set)
   */
  static Connection open(Path socket, long deadline) throws IOException {
    return new Connection(
        LineConnection.open(socket, deadline, "a daemon client (TrackerService)"));
  }

  /** Whether the daemon has answered {@code health} with this client's version here. */
  boolean verified() {
    return verified;
  }

  void markVerified() {
    verified = true;
  }

  /** Whether the connection may carry another request. */
  boolean reusable() {
    return reusable && lines.isOpen();
  }

  /**
   * Sends one request and reads its answer: an object with the request's id and either {@code
   * result} or an {@code error} that has a code and a message.
   *
   * @throws CallFailure with the connection closed
   * @throws ValidationException if the request is longer than a line may be; nothing is sent
   */
  ObjectNode exchange(String method, @Nullable JsonNode params, long deadline) throws CallFailure {
    ByteBuffer request =
        request(method, params == null ? null : Wire.JSON.writeValueAsString(params));
    long id = lines.lastId();
    try {
      try {
        send(request, deadline);
      } catch (CallFailure failure) {
        ObjectNode refusal = failure.kind() == Kind.INTERRUPTED ? null : lineLeftBeforeClose(id);
        if (refusal == null) {
          throw failure;
        }
        close();
        return refusal;
      }
      return answer(id, readLine(deadline));
    } catch (CallFailure failure) {
      close();
      throw failure;
    }
  }

  /**
   * After a failed send: the error line the daemon wrote before it closed, if it wrote one. A
   * connection beyond the daemon's limit gets one line and is closed, possibly before the request
   * is written, which then fails with a broken pipe while the line waits in the receive buffer.
   */
  private @Nullable ObjectNode lineLeftBeforeClose(long id) {
    LineBuffer line = new LineBuffer(LineBuffer.MAX_REQUEST);
    try {
      // the peer is gone, so whatever it wrote is here already: a deadline passed, no wait
      if (!lines.readLine(line, System.nanoTime())) {
        return null;
      }
      ObjectNode answer = answer(id, line);
      return answer.has("error") ? answer : null;
    } catch (IOException | CallFailure e) {
      return null;
    }
  }

  private ByteBuffer request(String method, @Nullable String params) {
    // Jackson escapes line breaks inside strings, so the only newline is the one that ends the line
    byte[] json = lines.request(method, params).getBytes(StandardCharsets.UTF_8);
    if (json.length > LineBuffer.MAX_REQUEST) {
      throw new ValidationException(
          "A "
              + method
              + " request of "
              + json.length
              + " bytes is over the 1 MiB a request may be");
    }
    return ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
  }

  private void send(ByteBuffer request, long deadline) throws CallFailure {
    int length = request.remaining();
    try {
      lines.write(request, deadline);
    } catch (SocketTimeoutException e) {
      throw new CallFailure(Kind.TIMED_OUT, "the request could not be sent in time", e);
    } catch (IOException e) {
      Kind kind = request.remaining() == length ? Kind.NOT_SENT : Kind.LOST;
      throw failure(kind, "sending failed: " + e.getMessage(), e);
    }
  }

  /** Reads the answer line; a new buffer each time, so an idle connection keeps no big array. */
  private LineBuffer readLine(long deadline) throws CallFailure {
    LineBuffer line = new LineBuffer(LineBuffer.MAX_ANSWER);
    try {
      if (!lines.readLine(line, deadline)) {
        throw new CallFailure(Kind.LOST, "the daemon closed the connection", null);
      }
      // one request in flight, so nothing may follow its answer; if something does, the
      // connection is out of step with the daemon
      reusable = !lines.hasUnreadInput();
      return line;
    } catch (LineBuffer.LineTooLongException e) {
      throw new CallFailure(Kind.MALFORMED, "an answer longer than 256 MiB", e);
    } catch (SocketTimeoutException e) {
      throw new CallFailure(Kind.TIMED_OUT, "no answer in time", e);
    } catch (IOException e) {
      throw failure(Kind.LOST, "reading the answer failed: " + e.getMessage(), e);
    }
  }

  private ObjectNode answer(long id, LineBuffer line) throws CallFailure {
    JsonNode answer;
    try {
      answer = Wire.JSON.readTree(line.bytes(), 0, line.length());
    } catch (JacksonException e) {
      throw new CallFailure(Kind.MALFORMED, "not JSON: " + preview(line), e);
    }
    if (!(answer instanceof ObjectNode object)
        || !"2.0".equals(text(object.get("jsonrpc")))
        || object.has("result") == object.has("error")) {
      throw new CallFailure(Kind.MALFORMED, "not a JSON-RPC 2.0 answer: " + preview(line), null);
    }
    JsonNode error = object.get("error");
    if (error != null
        && (!error.path("code").isIntegralNumber() || !error.path("message").isString())) {
      throw new CallFailure(Kind.MALFORMED, "an error without code or message: " + error, null);
    }
    JsonNode answerId = object.get("id");
    if (answerId != null && answerId.isIntegralNumber() && answerId.longValue() == id) {
      return object;
    }
    if (error != null && (answerId == null || answerId.isNull())) {
      // the daemon could not read the request (the protocol's -32600 for an oversized line) and
      // closes the connection after this answer
      reusable = false;
      return object;
    }
    throw new CallFailure(
        Kind.MALFORMED, "the answer has id " + answerId + ", the request had id " + id, null);
  }

  private static CallFailure failure(Kind kind, String message, Exception cause) {
    // an interrupt closes the channel (ClosedByInterruptException): report it as what it is
    return Thread.currentThread().isInterrupted()
        ? new CallFailure(Kind.INTERRUPTED, "interrupted", cause)
        : new CallFailure(kind, message, cause);
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : null;
  }

  private static String preview(LineBuffer line) {
    String text = new String(line.bytes(), 0, Math.min(line.length(), 200), StandardCharsets.UTF_8);
    return line.length() > 200 ? text + "..." : text;
  }

  /** Closes the connection, waking a caller that waits on it. Idempotent. */
  @Override
  public void close() {
    lines.close();
  }
}
