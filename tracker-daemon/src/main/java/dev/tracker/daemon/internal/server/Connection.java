package dev.tracker.daemon.internal.server;

import dev.tracker.core.internal.protocol.LineBuffer;
import dev.tracker.daemon.internal.rpc.Reply;
import dev.tracker.daemon.internal.rpc.RequestHandler;
import dev.tracker.daemon.internal.rpc.Responses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, served by one thread from start to end: read a line, answer it, write the
 * answer, next line; so answers leave in the order requests came. The thread ends when the client
 * closes, when the connection is closed for being idle or for a line over 1 MiB, or when the daemon
 * stops; the channel is closed then, and nothing of the connection remains.
 *
 * <p>A request in progress (read, being answered, answer being written) is "busy": a stopping
 * daemon lets it finish, and the idle watchdog leaves a connection alone while its request is being
 * answered, however long that takes.
 */
final class Connection implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  private static final int WRITE_PIECE = 64 * 1024;

  private final SocketChannel channel;
  private final String name;
  private final RequestHandler handler;
  private final Consumer<Connection> onEnd;
  private final LineReader reader = new LineReader();
  // the daemon's time (its scheduler's), in nanoseconds
  private final LongSupplier ticker;
  private volatile long lastActive;
  private volatile boolean answering;
  private volatile @Nullable Thread thread;
  // guarded by this
  private boolean busy;
  private boolean draining;

  Connection(
      SocketChannel channel,
      String name,
      RequestHandler handler,
      LongSupplier ticker,
      Consumer<Connection> onEnd) {
    this.channel = channel;
    this.name = name;
    this.handler = handler;
    this.ticker = ticker;
    this.onEnd = onEnd;
    this.lastActive = ticker.getAsLong();
  }

  void servedBy(Thread thread) {
    this.thread = thread;
  }

  @Override
  public void run() {
    try {
      serve();
    } catch (LineBuffer.LineTooLongException e) {
      LOG.info("{}: a line over {} bytes; closing the connection", name, LineBuffer.MAX_REQUEST);
      writeQuietly(Responses.lineTooLong(LineBuffer.MAX_REQUEST));
    } catch (IOException e) {
      // closed by the idle watchdog or the shutdown, or by the client: nothing to answer
      LOG.debug("{}: {}", name, e.toString());
    } catch (RuntimeException e) {
      LOG.error("{} failed", name, e);
    } finally {
      close();
      onEnd.accept(this);
    }
  }

  private void serve() throws IOException {
    while (true) {
      int length = reader.readLine(channel, this::touch);
      if (length < 0 || !begin()) {
        return;
      }
      Reply reply;
      answering = true;
      try {
        reply = handler.handle(reader.line(), length);
      } finally {
        // idle counts from the end of the work, not from the request's arrival: else the watchdog
        // could close the connection before its answer is written
        touch();
        answering = false;
      }
      byte[] response = reply.response();
      if (response != null) {
        write(response);
      }
      boolean stop = end();
      reply.afterFlush().run();
      if (stop) {
        return;
      }
    }
  }

  /** Marks a request in progress; false when the daemon is stopping (the request is dropped). */
  private synchronized boolean begin() {
    if (draining) {
      return false;
    }
    busy = true;
    return true;
  }

  /** Marks the request done; true when the daemon is stopping and this was the last one. */
  private synchronized boolean end() {
    busy = false;
    return draining;
  }

  /** The daemon is stopping: close now unless a request is in progress, else after it. */
  synchronized void closeWhenIdle() {
    draining = true;
    if (!busy) {
      close();
    }
  }

  /**
   * Closes the connection if no byte moved on it after {@code idleSince} (on the ticker's time) and
   * no request is being answered.
   *
   * @return whether the connection is closed, now or before
   */
  boolean closeIfIdleSince(long idleSince) {
    if (!channel.isOpen()) {
      return true;
    }
    if (!answering && lastActive - idleSince <= 0) {
      LOG.debug("{}: idle; closing", name);
      close();
      return true;
    }
    return false;
  }

  /**
   * When the connection will have been idle for the timeout if nothing moves meanwhile: the timeout
   * after its last byte, or, while a request is being answered (which never counts as idle), at
   * least the timeout after {@code now}.
   */
  long idleAt(long timeoutNanos, long now) {
    long last = lastActive;
    long since = answering && now - last > 0 ? now : last;
    return since + timeoutNanos;
  }

  /** Closes the channel, which ends a blocked read or write, and interrupts a wait in a call. */
  void forceClose() {
    close();
    Thread current = thread;
    if (current != null) {
      current.interrupt();
    }
  }

  @Nullable Thread thread() {
    return thread;
  }

  private void touch() {
    lastActive = ticker.getAsLong();
  }

  /**
   * Writes in pieces of {@link #WRITE_PIECE}, each one's start counting as activity once it is out:
   * a client that reads a long answer slowly is not idle, one that stopped reading is idle from the
   * piece it did not take. The time is read before the piece goes, never after: once the client has
   * the last byte it may move the daemon's time on (a test's {@code ManualScheduler}), and the
   * connection must not count as active at a time it had already finished by.
   */
  private void write(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      long before = ticker.getAsLong();
      buffer.limit(Math.min(bytes.length, buffer.position() + WRITE_PIECE));
      int written = channel.write(buffer);
      buffer.limit(bytes.length);
      if (written > 0 && before - lastActive > 0) {
        lastActive = before;
      }
    }
  }

  private void writeQuietly(byte[] bytes) {
    try {
      write(bytes);
    } catch (IOException e) {
      LOG.debug("{}: cannot answer: {}", name, e.toString());
    }
  }

  private void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("{}: close failed: {}", name, e.toString());
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
