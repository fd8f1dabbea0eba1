package dev.tracker.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP listener on 127.0.0.1 that accepts every connection and never answers: a remote that hangs.
 * Its connections stay open, unread, until {@link #close()}, which ends its thread and waits for
 * it.
 */
final class SilentRemote implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstConnection = new CountDownLatch(1);
  private final Thread acceptor;

  SilentRemote() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor = new Thread(this::accept, "SilentRemote-" + server.getLocalPort() + "-accept");
    acceptor.start();
  }

  private void accept() {
    try {
      while (!server.isClosed()) {
        accepted.add(server.accept());
        firstConnection.countDown();
      }
    } catch (IOException closed) {
      // close() closed the server socket: the end of this thread
    }
  }

  /** A URL of this listener for a scheme: {@code http://127.0.0.1:PORT/x.git}. */
  String url(String scheme) {
    return scheme + "://127.0.0.1:" + server.getLocalPort() + "/x.git";
  }

  /** Waits until a client has connected; false if none did within the time. */
  boolean awaitConnection(long seconds) throws InterruptedException {
    return firstConnection.await(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : accepted) {
      socket.close();
    }
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for " + acceptor.getName() + " to end", e);
    }
    if (acceptor.isAlive()) {
      throw new IllegalStateException(acceptor.getName() + " did not end");
    }
  }
}
