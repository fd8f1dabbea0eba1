package dev.tracker.daemon.internal.server;

import dev.tracker.daemon.internal.lifecycle.DaemonThreads;
import dev.tracker.daemon.internal.lifecycle.Deadline;
import dev.tracker.daemon.internal.rpc.RequestHandler;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The open connections: at most {@code limit} at once, each with its own handler thread ({@code
 * <prefix>-conn-<n>}) that ends with it, so the handler pool is bounded by the limit and holds no
 * idle threads. A watchdog thread ({@code <prefix>-idle}) closes connections that sent nothing and
 * were sent nothing for the idle timeout; closing the channel wakes their blocked read.
 */
final class Connections {

  private final int limit;
  private final long idleTimeoutNanos;
  private final RequestHandler handler;
  private final DaemonThreads threads;
  private final CountDownLatch stopWatchdog = new CountDownLatch(1);
  // guarded by this
  private final Set<Connection> open = new HashSet<>();
  private long opened;

  Connections(int limit, Duration idleTimeout, RequestHandler handler, DaemonThreads threads) {
    this.limit = limit;
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.handler = handler;
    this.threads = threads;
  }

  int limit() {
    return limit;
  }

  /** Serves the channel on a thread of its own; false when the limit is reached. */
  synchronized boolean open(SocketChannel channel) {
    if (open.size() >= limit) {
      return false;
    }
    opened++;
    Connection connection = new Connection(channel, "conn-" + opened, handler, this::ended);
    open.add(connection);
    Thread thread = threads.start("conn-" + opened, connection);
    connection.servedBy(thread);
    return true;
  }

  private synchronized void ended(Connection connection) {
    open.remove(connection);
    notifyAll();
  }

  synchronized int count() {
    return open.size();
  }

  private synchronized List<Connection> snapshot() {
    return new ArrayList<>(open);
  }

  void startWatchdog() {
    // checks a few times per timeout: a connection is closed within 1.25 timeouts of its last byte
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), idleTimeoutNanos / 4);
    threads.start(
        "idle",
        () -> {
          try {
            while (!stopWatchdog.await(period, TimeUnit.NANOSECONDS)) {
              long idleSince = System.nanoTime() - idleTimeoutNanos;
              snapshot().forEach(connection -> connection.closeIfIdleSince(idleSince));
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** Stops the watchdog and waits for its thread. */
  void stopWatchdog(Deadline deadline) throws InterruptedException {
    stopWatchdog.countDown();
    threads.join("idle", deadline);
  }

  /**
   * Closes idle connections now and the others once their request is answered; waits until all have
   * ended or the deadline passes.
   *
   * @return whether all ended
   */
  boolean drain(Deadline deadline) throws InterruptedException {
    snapshot().forEach(Connection::closeWhenIdle);
    synchronized (this) {
      while (!open.isEmpty()) {
        long remaining = deadline.remainingNanos();
        if (remaining <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, remaining);
      }
      return true;
    }
  }

  /** Closes every connection, interrupting its thread if a call holds it, and waits for them. */
  void closeAll(Deadline deadline) throws InterruptedException {
    snapshot().forEach(Connection::forceClose);
    threads.join("conn-", deadline);
  }
}
