package dev.tracker.core;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.agent.common.AbstractAgentClient;
import org.apache.sshd.agent.local.AgentImpl;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * An SSH agent for tests: the agent protocol on a Unix domain socket, answered by MINA's in-memory
 * agent for the keys a test adds. One thread accepts, one serves each connection; {@link #close()}
 * closes the socket and every connection and waits for those threads.
 */
final class SshAgentServer implements AutoCloseable {

  private final Path socket;
  private final AgentImpl agent = new AgentImpl();
  private final ServerSocketChannel server;
  private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final AtomicInteger answered = new AtomicInteger();
  private final boolean answers;

  private SshAgentServer(Path socket, boolean answers) throws IOException {
    this.socket = socket;
    this.answers = answers;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
  }

  /** An agent listening on {@code socket}, holding no key. */
  static SshAgentServer start(Path socket) throws IOException {
    return start(new SshAgentServer(socket, true));
  }

  /**
   * An agent that reads every request and answers none, as one waiting for someone to confirm a
   * key's use.
   */
  static SshAgentServer silent(Path socket) throws IOException {
    return start(new SshAgentServer(socket, false));
  }

  private static SshAgentServer start(SshAgentServer started) {
    started.run("ssh-agent-server-accept", started::accept);
    return started;
  }

  /** The agent holds this key from now on. */
  void add(KeyPair key) throws IOException {
    agent.addIdentity(key, "test");
  }

  Path socket() {
    return socket;
  }

  /** How many requests the agent answered so far. */
  int answered() {
    return answered.get();
  }

  private void run(String name, ThrowingRunnable body) {
    Thread thread =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (IOException e) {
                // closed: the server or the client went away
              }
            },
            name);
    threads.add(thread);
    thread.start();
  }

  private void accept() throws IOException {
    while (true) {
      SocketChannel connection = server.accept();
      connections.add(connection);
      run("ssh-agent-server-connection", () -> serve(connection));
    }
  }

  private void serve(SocketChannel connection) throws IOException {
    AbstractAgentClient client =
        new AbstractAgentClient(agent) {
          @Override
          protected void reply(Buffer reply) throws IOException {
            ByteBuffer out = ByteBuffer.wrap(reply.array(), reply.rpos(), reply.available());
            while (out.hasRemaining()) {
              connection.write(out);
            }
            answered.incrementAndGet();
          }
        };
    ByteBuffer in = ByteBuffer.allocate(8192);
    while (connection.read(in) >= 0) {
      in.flip();
      byte[] bytes = new byte[in.remaining()];
      in.get(bytes);
      in.clear();
      if (answers) {
        client.messageReceived(new ByteArrayBuffer(bytes));
      }
    }
    connection.close();
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      threads.get(0).join(); // the acceptor: no connection comes after it
      for (SocketChannel connection : connections) {
        connection.close();
      }
      for (Thread thread : threads) {
        thread.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the agent's threads", e);
    }
    agent.close();
    Files.deleteIfExists(socket);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws IOException;
  }
}
