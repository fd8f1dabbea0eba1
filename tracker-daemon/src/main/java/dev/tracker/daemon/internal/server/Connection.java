package dev.tracker.daemon.internal.server;

import dev.tracker.core.internal.protocol.LineBuffer;
import dev.tracker.daemon.internal.rpc.Reply;
import dev.tracker.daemon.internal.rpc.RequestHandler;
import dev.tracker.daemon.internal.rpc.Responses;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
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

  private final SocketChannel channel;
  private final String name;
  private final RequestHandler handler;
  private final Consumer<Connection> onEnd;
  private final LineReader reader = new LineReader();
  private volatile long lastActive = System.nanoTime();
  private volatile boolean answering;
  private volatile @Nullable Thread thread;
  // guarded by this
  private boolean busy;
  private boolean draining;

  Connection(
      SocketChannel channel, String name, RequestHandler handler, Consumer<Connection> onEnd) {
    this.channel = channel;
    this.name = name;
    this.handler = handler;
    this.onEnd = onEnd;
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

  /** Closes the connection if it has been idle since before {@code idleSince} (nanoTime). */
  void closeIfIdleSince(long idleSince) {
    if (!answering && lastActive - idleSince < 0) {
      LOG.debug("{}: idle; closing", name);
      close();
    }
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
    lastActive = System.nanoTime();
  }

  private void write(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      if (channel.write(buffer) > 0) {
        touch();
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
