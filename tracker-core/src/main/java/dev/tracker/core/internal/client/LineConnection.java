package dev.tracker.core.internal.client;

import dev.tracker.core.internal.Tracking;
import dev.tracker.core.internal.protocol.LineBuffer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The client side of the protocol's transport, and its only implementation: one connection to a
 * daemon's Unix socket that writes bytes and reads lines (framed by {@link LineBuffer}), every wait
 * bounded by a deadline. The {@link DaemonClient}'s connections are built on it, and so are the
 * testkit's {@code DaemonConnection} and the daemon's own tests, which need the raw lines (exported
 * to those modules only).
 *
 * <pre>{@code
 * long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
 * try (LineConnection connection = LineConnection.open(socket, deadline, "a test")) {
 *   connection.writeLine(connection.request("health", null), deadline);
 *   LineBuffer answer = new LineBuffer(LineBuffer.MAX_ANSWER);
 *   if (connection.readLine(answer, deadline)) {
 *     // answer.bytes(), up to answer.length()
 *   }
 * }
 * }</pre>
 *
 * <p><b>No thread.</b> The channel is non-blocking with a selector of its own; a caller waits in
 * {@code select} for at most what is left of its deadline. Past the deadline a wait throws {@link
 * SocketTimeoutException}; an interrupted caller gets an {@link InterruptedIOException} and keeps
 * its interrupt flag. {@link #close()} may come from any thread: it wakes a caller that waits,
 * which then fails with an {@link IOException}.
 *
 * <p><b>Tracked.</b> From open to close the connection is in {@link Tracking}'s registry under its
 * owner's description, so that the testkit's leak check sees a connection nobody closed.
 *
 * <p>One caller at a time: not thread-safe, except {@link #close()}.
 */
public final class LineConnection implements AutoCloseable {

  private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

  // what one read takes from the socket; a line longer than this is collected by the LineBuffer
  private static final int INPUT = 64 * 1024;

  private final Path socket;
  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  // read mode between calls: the bytes from position to limit arrived and are not yet in a line
  private final ByteBuffer input = ByteBuffer.allocate(INPUT).flip();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Tracking.Handle tracking;
  private long lastId;

  private LineConnection(
      Path socket, SocketChannel channel, Selector selector, SelectionKey key, String owner) {
    this.socket = socket;
    this.channel = channel;
    this.selector = selector;
    this.key = key;
    this.tracking = Tracking.connectionOpened(socket, owner);
  }

  /**
   * Connects to the daemon's socket.
   *
   * @param deadline when connecting must be done, in {@link System#nanoTime()}'s terms
   * @param owner what holds the connection, as the leak check reports it: {@code "a
   *     DaemonConnection"}
   * @throws IOException if nothing accepts there (no socket file, refused), or {@link
   *     SocketTimeoutException} if the deadline passes first; nothing stays open
   */
  public static LineConnection open(Path socket, long deadline, String owner) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    Selector selector = null;
    LineConnection connection = null;
    boolean connected = false;
    try {
      channel.configureBlocking(false);
      selector = Selector.open();
      connection =
          new LineConnection(socket, channel, selector, channel.register(selector, 0), owner);
      if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
        while (!channel.finishConnect()) {
          connection.await(SelectionKey.OP_CONNECT, deadline, "connecting");
        }
      }
      connected = true;
      return connection;
    } catch (ClosedSelectorException | CancelledKeyException e) {
      throw closedWhileWaiting(e);
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

  /** The daemon's socket. */
  public Path socket() {
    return socket;
  }

  /** Whether {@link #close()} has not been called. */
  public boolean isOpen() {
    return !closed.get();
  }

  /**
   * A JSON-RPC 2.0 request line (without its newline) with this connection's next id: 1, then 2,
   * and so on.
   *
   * @param method a method name: a letter, then letters, digits, {@code .}, {@code _} or {@code -}
   * @param paramsJson the params as JSON text, put in as given (it may be anything, for tests of
   *     the daemon's answers to bad params), or null for none
   * @throws IllegalArgumentException if the method is not a name: quoted into the line, it could
   *     change what the request says
   */
  public String request(String method, @Nullable String paramsJson) {
    if (!METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException("not a method name: '" + method + "'");
    }
    long id = ++lastId;
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\""
        + (paramsJson == null ? "" : ",\"params\":" + paramsJson)
        + "}";
  }

  /** The id of the last request {@link #request} made; 0 before the first. */
  public long lastId() {
    return lastId;
  }

  /** Writes the line and a newline; see {@link #write(ByteBuffer, long)}. */
  public void writeLine(String line, long deadline) throws IOException {
    byte[] text = line.getBytes(StandardCharsets.UTF_8);
    write(ByteBuffer.allocate(text.length + 1).put(text).put((byte) '\n').flip(), deadline);
  }

  /**
   * Writes the bytes from the buffer's position to its limit, waiting while the socket's buffer is
   * full. On failure the buffer's position tells how much was written.
   *
   * @throws SocketTimeoutException if the deadline passes before all is written
   * @throws IOException if the connection fails or is closed
   */
  public void write(ByteBuffer bytes, long deadline) throws IOException {
    try {
      while (bytes.hasRemaining()) {
        if (channel.write(bytes) == 0) {
          await(SelectionKey.OP_WRITE, deadline, "writing");
        }
      }
    } catch (ClosedSelectorException | CancelledKeyException e) {
      throw closedWhileWaiting(e);
    }
  }

  /**
   * Reads up to the end of the next line into {@code line}, waiting for it until the deadline.
   * Bytes after the line stay here for the next read.
   *
   * @return true with a complete line in {@code line}; false at the end of input, with whatever
   *     came after the last newline still in {@code line} ({@link LineBuffer#finish()} takes it as
   *     a line)
   * @throws LineBuffer.LineTooLongException if the line is longer than {@code line} takes
   * @throws SocketTimeoutException if the deadline passes before the line is complete; a deadline
   *     already passed reads only what has arrived
   * @throws IOException if the connection fails or is closed
   */
  public boolean readLine(LineBuffer line, long deadline) throws IOException {
    try {
      while (true) {
        if (input.hasRemaining() && line.take(input)) {
          return true;
        }
        input.clear();
        int read;
        try {
          read = channel.read(input);
        } finally {
          input.flip();
        }
        if (read < 0) {
          return false;
        }
        if (read == 0) {
          await(SelectionKey.OP_READ, deadline, "reading");
        }
      }
    } catch (ClosedSelectorException | CancelledKeyException e) {
      throw closedWhileWaiting(e);
    }
  }

  /** Whether bytes arrived after the last line read, not yet part of a line. */
  public boolean hasUnreadInput() {
    return input.hasRemaining();
  }

  /**
   * Closes the sending side only: the daemon reads the end of input, and this side can still read
   * what the daemon writes.
   */
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  private void await(int operation, long deadline, String what) throws IOException {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw new SocketTimeoutException(what + " " + socket + " did not finish in time");
    }
    key.interestOps(operation);
    // select(0) would wait forever: round up to at least a millisecond
    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
    selector.selectedKeys().clear();
    if (Thread.currentThread().isInterrupted()) {
      // a select returns at once while the flag is set: stop here, the flag stays for the caller
      throw new InterruptedIOException("interrupted while " + what + " " + socket);
    }
  }

  private static IOException closedWhileWaiting(RuntimeException e) {
    // close() from another thread closed the selector under a waiting caller
    AsynchronousCloseException closed = new AsynchronousCloseException();
    closed.initCause(e);
    return closed;
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

  @Override
  public String toString() {
    return "LineConnection[" + socket + "]";
  }
}
