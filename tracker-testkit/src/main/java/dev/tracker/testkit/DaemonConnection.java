package dev.tracker.testkit;

import dev.tracker.core.internal.Tracking;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One connection to a daemon's Unix socket that speaks the protocol raw: JSON-RPC lines out, answer
 * lines back, nothing parsed. For tests of the protocol itself; a {@link
 * dev.tracker.core.TrackerService} is the better client for everything else.
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
 * }
 * }</pre>
 *
 * <p>One request at a time: not thread-safe. Every wait is bounded by the timeout (30 seconds
 * unless given), after which the call throws. Injected ones are closed by the extension; one opened
 * with {@link #open} must be closed by its opener, or the leak check reports it with the stack that
 * opened it.
 */
public final class DaemonConnection implements AutoCloseable {

  /** How long a call waits for its answer unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
  private static final int MAX_LINE = (1 << 20) + 1;

  private final Path socket;
  private final Duration timeout;
  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private final ByteBuffer input = ByteBuffer.allocate(64 * 1024).flip();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Tracking.Handle tracking;
  private long lastId;

  private DaemonConnection(
      Path socket, Duration timeout, SocketChannel channel, Selector selector, SelectionKey key) {
    this.socket = socket;
    this.timeout = timeout;
    this.channel = channel;
    this.selector = selector;
    this.key = key;
    this.tracking = Tracking.connectionOpened(socket, "a DaemonConnection");
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
   * Connects to the daemon at this socket; each call waits at most {@code timeout}.
   *
   * @throws UncheckedIOException if nothing accepts there
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public static DaemonConnection open(Path socket, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    SocketChannel channel = null;
    Selector selector = null;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.configureBlocking(false);
      selector = Selector.open();
      return new DaemonConnection(
          socket, timeout, channel, selector, channel.register(selector, 0));
    } catch (IOException e) {
      closeQuietly(selector);
      closeQuietly(channel);
      throw new UncheckedIOException("Cannot connect to the daemon at " + socket, e);
    }
  }

  /** The daemon's socket. */
  public Path socket() {
    return socket;
  }

  /** Whether {@link #close()} has not been called. */
  public boolean isOpen() {
    return !closed.get();
  }

  /**
   * Calls a method without params; the request gets the next id of this connection (1, 2, ...).
   *
   * @return the answer line, without its newline
   */
  public String call(String method) {
    return send(request(method, null));
  }

  /**
   * Calls a method with params.
   *
   * @param paramsJson the params, a JSON object as text: {@code {"title":"one"}}; sent as given
   * @return the answer line, without its newline
   */
  public String call(String method, String paramsJson) {
    return send(request(method, paramsJson));
  }

  /**
   * Sends one line (a newline is added) and returns the next line the daemon sends back.
   *
   * @throws UncheckedIOException if the connection fails, the daemon closes it before answering, or
   *     no answer comes within the timeout
   * @throws IllegalStateException if this connection is closed
   */
  public String send(String line) {
    if (closed.get()) {
      throw new IllegalStateException("This DaemonConnection to " + socket + " is closed");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      write((line + "\n").getBytes(StandardCharsets.UTF_8), deadline);
      return readLine(deadline);
    } catch (IOException e) {
      throw new UncheckedIOException("The daemon at " + socket + " did not answer: " + line, e);
    }
  }

  private String request(String method, @Nullable String params) {
    if (!METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException("not a method name: '" + method + "'");
    }
    long id = ++lastId;
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\""
        + (params == null ? "" : ",\"params\":" + params)
        + "}";
  }

  private void write(byte[] bytes, long deadline) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      if (channel.write(buffer) == 0) {
        await(SelectionKey.OP_WRITE, deadline);
      }
    }
  }

  private String readLine(long deadline) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      while (input.hasRemaining()) {
        byte b = input.get();
        if (b == '\n') {
          return line.toString(StandardCharsets.UTF_8);
        }
        line.write(b);
      }
      if (line.size() > MAX_LINE) {
        throw new IOException("an answer longer than the protocol's 1 MiB");
      }
      input.clear();
      int read = channel.read(input);
      input.flip();
      if (read < 0) {
        throw new IOException("the daemon closed the connection");
      }
      if (read == 0) {
        await(SelectionKey.OP_READ, deadline);
      }
    }
  }

  private void await(int operation, long deadline) throws IOException {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw new SocketTimeoutException("no answer within " + timeout);
    }
    key.interestOps(operation);
    // select(0) would wait forever: round up to at least a millisecond
    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
    selector.selectedKeys().clear();
    if (Thread.currentThread().isInterrupted()) {
      // a select returns at once while the flag is set: stop here, the flag stays for the caller
      throw new InterruptedIOException("interrupted while waiting for the daemon");
    }
  }

  /** Closes the connection; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(selector);
      closeQuietly(channel);
      tracking.close();
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception e) {
        // a socket or selector that cannot be closed is unusable already: nothing to release
      }
    }
  }

  @Override
  public String toString() {
    return "DaemonConnection[" + socket + "]";
  }
}
