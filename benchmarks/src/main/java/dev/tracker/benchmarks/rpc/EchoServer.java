package dev.tracker.benchmarks.rpc;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The floor of a round trip: a Unix-socket server with a thread per connection that reads up to a
 * newline and writes the same bytes back, and a blocking client that sends a line and reads its
 * echo. No JSON, no dispatch, no selector.
 */
final class EchoServer implements AutoCloseable {

  private final Path socket;
  private final ServerSocketChannel server;
  private final Thread acceptor;
  private final List<Thread> handlers = new CopyOnWriteArrayList<>();
  private final List<SocketChannel> channels = new CopyOnWriteArrayList<>();

  EchoServer(Path socket) {
    this.socket = socket;
    try {
      Files.deleteIfExists(socket);
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::accept, "echo-accept");
    acceptor.start();
  }

  private void accept() {
    try {
      while (true) {
        SocketChannel channel = server.accept();
        channels.add(channel);
        Thread handler = new Thread(() -> echo(channel), "echo-conn");
        handlers.add(handler);
        handler.start();
      }
    } catch (ClosedChannelException closed) {
      // stopped
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void echo(SocketChannel channel) {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    try (channel) {
      while (true) {
        int read = channel.read(buffer);
        if (read < 0) {
          return;
        }
        int end = buffer.position();
        if (end > 0 && buffer.get(end - 1) == '\n') {
          buffer.flip();
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          buffer.clear();
        }
      }
    } catch (IOException closed) {
      // the client went away or the server stopped
    }
  }

  /** A blocking client connection. */
  Client connect() {
    try {
      return new Client(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join();
      for (SocketChannel channel : channels) {
        channel.close();
      }
      for (Thread handler : handlers) {
        handler.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException stopped =
          new InterruptedIOException("interrupted while the echo server's threads ended");
      stopped.initCause(e);
      throw stopped;
    }
    Files.deleteIfExists(socket);
  }

  /** One connection: sends a line, reads the line that comes back. */
  static final class Client implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(8192);

    Client(SocketChannel channel) {
      this.channel = channel;
    }

    /** Sends the line and returns the length of the answer. */
    int roundTrip(byte[] line) throws IOException {
      ByteBuffer out = ByteBuffer.wrap(line);
      while (out.hasRemaining()) {
        channel.write(out);
      }
      in.clear();
      while (in.position() == 0 || in.get(in.position() - 1) != '\n') {
        if (channel.read(in) < 0) {
          throw new IOException("closed");
        }
      }
      return in.position();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
