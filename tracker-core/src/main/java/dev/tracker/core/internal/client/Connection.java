package dev.tracker.core.internal.client;

import dev.tracker.core.ValidationException;
import dev.tracker.core.internal.Tracking;
import dev.tracker.core.internal.client.CallFailure.Kind;
import dev.tracker.core.internal.protocol.LineBuffer;
import dev.tracker.core.internal.protocol.Wire;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One connection to the daemon: a non-blocking channel and a selector of its own, so that a call
 * waits for its answer with a deadline and no extra thread. One caller at a time (the pool hands it
 * out); {@link #close()} may come from any thread and wakes a caller that waits.
 *
 * <p>A connection carries one request at a time, so the answer to read is always the answer to the
 * request just written: the next line, with the same id. Anything else, and any failure, closes the
 * connection: an answer that did not arrive may still arrive later and must never be read as the
 * answer to another request.
 */
final class Connection implements AutoCloseable {

  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private final ByteBuffer input = ByteBuffer.allocate(16 * 1024);
  private final AtomicBoolean closed = new AtomicBoolean();
  // ids increase per connection; a connection serves one caller at a time, handed over by a lock
  private long lastId;
  private boolean verified;
  private boolean reusable = true;

  private final Tracking.Handle tracking;

  private Connection(Path socket, SocketChannel channel, Selector selector, SelectionKey key) {
    this.channel = channel;
    this.selector = selector;
    this.key = key;
    this.tracking = Tracking.connectionOpened(socket, "a daemon client (TrackerService)");
  }

  /**
   * Connects to the socket.
   *
   * @throws IOException if nothing accepts there (no socket file, refused) or the deadline passes
   * @throws CallFailure if the thread is interrupted while it waits
   */
  static Connection open(Path socket, long deadline) throws IOException, CallFailure {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    Selector selector = null;
    Connection connection = null;
    boolean connected = false;
    try {
      channel.configureBlocking(false);
      selector = Selector.open();
      connection = new Connection(socket, channel, selector, channel.register(selector, 0));
      if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
        while (!channel.finishConnect()) {
          if (!connection.awaitReady(SelectionKey.OP_CONNECT, deadline)) {
            throw new SocketTimeoutException("connecting timed out");
          }
        }
      }
      connected = true;
      return connection;
    } finally {
      if (!connected) {
        if (connection != null) {
          connection.close();
        } else {
          closeQuietly(selector);
          closeQuietly(channel);
        }
      }
    }
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
    return reusable && !closed.get();
  }

  /**
   * Sends one request and reads its answer: an object with the request's id and either {@code
   * result} or an {@code error} that has a code and a message.
   *
   * @throws CallFailure with the connection closed
   * @throws ValidationException if the request is longer than a line may be; nothing is sent
   */
  ObjectNode exchange(String method, @Nullable JsonNode params, long deadline) throws CallFailure {
    long id = ++lastId;
    ByteBuffer request = request(id, method, params);
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
      while (true) {
        // the peer is gone, so whatever it wrote is here already: no wait
        int read = channel.read(input);
        if (read <= 0) {
          return null;
        }
        input.flip();
        boolean complete = line.take(input);
        input.clear();
        if (complete) {
          ObjectNode answer = answer(id, line);
          return answer.has("error") ? answer : null;
        }
      }
    } catch (IOException | CallFailure | ClosedSelectorException | CancelledKeyException e) {
      return null;
    }
  }

  private static ByteBuffer request(long id, String method, @Nullable JsonNode params) {
    ObjectNode request = Wire.JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", id);
    request.put("method", method);
    if (params != null) {
      request.set("params", params);
    }
    // Jackson escapes line breaks inside strings, so the only newline is the one that ends the line
    byte[] json = Wire.JSON.writeValueAsBytes(request);
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
      while (request.hasRemaining()) {
        if (channel.write(request) == 0 && !awaitReady(SelectionKey.OP_WRITE, deadline)) {
          throw new CallFailure(Kind.TIMED_OUT, "the request could not be sent in time", null);
        }
      }
    } catch (IOException | ClosedSelectorException | CancelledKeyException e) {
      Kind kind = request.remaining() == length ? Kind.NOT_SENT : Kind.LOST;
      throw failure(kind, "sending failed: " + e.getMessage(), e);
    }
  }

  /** Reads the answer line; a new buffer each time, so an idle connection keeps no big array. */
  private LineBuffer readLine(long deadline) throws CallFailure {
    LineBuffer line = new LineBuffer(LineBuffer.MAX_ANSWER);
    try {
      while (true) {
        int read = channel.read(input);
        if (read < 0) {
          throw new CallFailure(Kind.LOST, "the daemon closed the connection", null);
        }
        if (read == 0) {
          if (!awaitReady(SelectionKey.OP_READ, deadline)) {
            throw new CallFailure(Kind.TIMED_OUT, "no answer in time", null);
          }
          continue;
        }
        input.flip();
        boolean complete = line.take(input);
        if (complete) {
          // one request in flight, so nothing may follow its answer; if something does, the
          // connection is out of step with the daemon
          reusable = !input.hasRemaining();
        }
        input.clear();
        if (complete) {
          return line;
        }
      }
    } catch (LineBuffer.LineTooLongException e) {
      throw new CallFailure(Kind.MALFORMED, "an answer longer than 256 MiB", e);
    } catch (IOException | ClosedSelectorException | CancelledKeyException e) {
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

  /**
   * Waits until the channel is ready for the operation or the deadline passes; false when it
   * passed.
   */
  private boolean awaitReady(int operation, long deadline) throws IOException, CallFailure {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      return false;
    }
    key.interestOps(operation);
    // select(0) would wait forever: round up to at least a millisecond
    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
    selector.selectedKeys().clear();
    if (Thread.currentThread().isInterrupted()) {
      throw new CallFailure(Kind.INTERRUPTED, "interrupted", null);
    }
    return true;
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

  /** Closes the selector (waking a caller that waits on it), then the channel. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(selector);
      closeQuietly(channel);
      tracking.close();
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // closing a socket or selector fails only if it is already unusable: nothing to release
    }
  }
}
