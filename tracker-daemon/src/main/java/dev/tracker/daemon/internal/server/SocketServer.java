package dev.tracker.daemon.internal.server;

import dev.tracker.core.StorageException;
import dev.tracker.daemon.Scheduler;
import dev.tracker.daemon.internal.lifecycle.DaemonThreads;
import dev.tracker.daemon.internal.lifecycle.Deadline;
import dev.tracker.daemon.internal.rpc.RequestHandler;
import dev.tracker.daemon.internal.rpc.Responses;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Unix domain socket: bound 0600, one acceptor thread ({@code <prefix>-accept}) that
 * checks each peer and hands it to {@link Connections}. A peer of another user (checked with {@code
 * SO_PEERCRED} where the platform has it) is closed without an answer; a connection beyond the
 * limit gets one error line and is closed.
 */
public final class SocketServer {

  private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
  private static final int BACKLOG = 64;

  private final Path socket;
  private final ServerSocketChannel channel;
  private final @Nullable UserPrincipal owner;
  private final Connections connections;
  private final DaemonThreads threads;
  private final CountDownLatch stopping = new CountDownLatch(1);

  private SocketServer(
      Path socket,
      ServerSocketChannel channel,
      @Nullable UserPrincipal owner,
      Connections connections,
      DaemonThreads threads) {
    this.socket = socket;
    this.channel = channel;
    this.owner = owner;
    this.connections = connections;
    this.threads = threads;
  }

  /**
   * Binds the socket (replacing a stale socket file at the path) and makes it 0600. Connections are
   * queued by the OS from here on; {@link #start()} begins accepting them.
   *
   * @throws StorageException if the socket cannot be bound
   */
  public static SocketServer bind(
      Path socket,
      int maxConnections,
      Duration idleTimeout,
      RequestHandler handler,
      Scheduler scheduler,
      DaemonThreads threads) {
    SocketPaths.deleteStale(socket);
    ServerSocketChannel channel;
    try {
      channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    } catch (IOException e) {
      throw new StorageException("Cannot open a Unix domain socket", e);
    }
    boolean bound = false;
    try {
      channel.bind(UnixDomainSocketAddress.of(socket), BACKLOG);
      bound = true;
      PrivateDirectory.ownerOnly(socket);
      UserPrincipal owner = socketOwner(socket);
      return new SocketServer(
          socket,
          channel,
          owner,
          new Connections(maxConnections, idleTimeout, handler, scheduler, threads),
          threads);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      if (bound) {
        deleteQuietly(socket); // ours; a file that was in the way is not
      }
      throw e instanceof StorageException storage
          ? storage
          : new StorageException("Cannot bind the socket " + socket + ": " + e.getMessage(), e);
    }
  }

  private static @Nullable UserPrincipal socketOwner(Path socket) throws IOException {
    if (!socket.getFileSystem().supportedFileAttributeViews().contains("owner")) {
      return null;
    }
    return Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
  }

  /** Where the socket is bound. */
  public Path socket() {
    return socket;
  }

  /** How many connections are open. */
  public int connections() {
    return connections.count();
  }

  /** Starts the acceptor and the idle watchdog. */
  public void start() {
    connections.startWatchdog();
    threads.start("accept", this::acceptLoop);
  }

  private void acceptLoop() {
    while (true) {
      SocketChannel client;
      try {
        client = channel.accept();
      } catch (ClosedChannelException e) {
        return; // the shutdown closed the channel
      } catch (IOException e) {
        if (!channel.isOpen()) {
          return;
        }
        // out of descriptors, most likely: back off a little rather than spin, unless stopping
        LOG.warn("Accepting a connection on {} failed: {}", socket, e.toString());
        if (awaitStopping(10)) {
          return;
        }
        continue;
      }
      admit(client);
    }
  }

  private void admit(SocketChannel client) {
    try {
      if (!sameUser(client)) {
        closeQuietly(client);
        return;
      }
      if (!connections.open(client)) {
        LOG.warn("Refusing a connection to {}: {} are open", socket, connections.limit());
        ByteBuffer answer = ByteBuffer.wrap(Responses.tooManyConnections(connections.limit()));
        while (answer.hasRemaining()) {
          client.write(answer);
        }
        closeQuietly(client);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Dropping a connection to {}: {}", socket, e.toString());
      closeQuietly(client);
    }
  }

  /** On Linux (SO_PEERCRED), whether the peer runs as the user who owns the socket. */
  private boolean sameUser(SocketChannel client) throws IOException {
    if (owner == null || !client.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) {
      return true;
    }
    UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
    if (peer.user().equals(owner) || peer.user().getName().equals(owner.getName())) {
      return true;
    }
    LOG.warn("Refusing a connection to {} from user {}", socket, peer.user().getName());
    return false;
  }

  private boolean awaitStopping(long millis) {
    try {
      return stopping.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Closes the server channel, which ends the acceptor's wait, and waits for the acceptor. */
  public List<Thread> stopAccepting(Deadline deadline) throws InterruptedException {
    stopping.countDown();
    closeQuietly(channel);
    return threads.join("accept", deadline);
  }

  /**
   * Closes idle connections and lets busy ones finish their request within the grace period.
   *
   * @return whether every connection ended within it
   */
  public boolean drain(Deadline grace) throws InterruptedException {
    return connections.drain(grace);
  }

  /** Stops the idle watchdog, closes the connections still open and waits for their threads. */
  public void closeConnections(Deadline deadline) throws InterruptedException {
    connections.stopWatchdog();
    connections.closeAll(deadline);
  }

  /** Deletes the socket file. */
  public void deleteSocket() {
    deleteQuietly(socket);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot delete {}: {}", file, e.toString());
    }
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("Closing a channel failed: {}", e.toString());
    }
  }
}
