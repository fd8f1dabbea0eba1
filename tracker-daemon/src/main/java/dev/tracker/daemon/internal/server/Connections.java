package dev.tracker.daemon.internal.server;

import dev.tracker.daemon.Scheduler;
import dev.tracker.daemon.internal.lifecycle.DaemonThreads;
import dev.tracker.daemon.internal.lifecycle.Deadline;
import dev.tracker.daemon.internal.rpc.RequestHandler;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The open connections: at most {@code limit} at once, each with its own handler thread ({@code
 * <prefix>-conn-<n>}) that ends with it, so the handler pool is bounded by the limit and holds no
 * idle threads. A watchdog closes connections that sent nothing and were sent nothing for the idle
 * timeout; closing the channel wakes their blocked read. The watchdog is a task of the daemon's
 * {@link Scheduler}, run on the scheduler's own thread (it only closes channels): it looks when the
 * connection idle the longest reaches the timeout, and plans its next look for when the next one
 * will.
 */
final class Connections {

  private final int limit;
  private final long idleTimeoutNanos;
  private final RequestHandler handler;
  private final Scheduler scheduler;
  private final DaemonThreads threads;
  // guarded by this
  private final Set<Connection> open = new HashSet<>();
  private long opened;
  // guards the watchdog's plan: after stopWatchdog() returns, no look runs and none will
  private final Object watchdog = new Object();
  private boolean watchdogStopped;
  private @Nullable Future<?> nextLook;

  Connections(
      int limit,
      Duration idleTimeout,
      RequestHandler handler,
      Scheduler scheduler,
      DaemonThreads threads) {
    this.limit = limit;
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.handler = handler;
    this.scheduler = scheduler;
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
    Connection connection =
        new Connection(channel, "conn-" + opened, handler, scheduler::nanoTime, this::ended);
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
    synchronized (watchdog) {
      planLook(idleTimeoutNanos);
    }
  }

  /** Closes the connections idle for the timeout, then plans the next look. */
  private void look() {
    synchronized (watchdog) {
      if (watchdogStopped) {
        return;
      }
      long now = scheduler.nanoTime();
      long idleSince = now - idleTimeoutNanos;
      long next = now + idleTimeoutNanos; // no connection: the earliest a new one can be idle
      for (Connection connection : snapshot()) {
        if (!connection.closeIfIdleSince(idleSince)) {
          long idleAt = connection.idleAt(idleTimeoutNanos, now);
          if (idleAt - next < 0) {
            next = idleAt;
          }
        }
      }
      // a connection left open was active after idleSince: its idleAt is after now
      planLook(next - now);
    }
  }

  private void planLook(long delayNanos) {
    nextLook = scheduler.schedule(Runnable::run, this::look, Duration.ofNanos(delayNanos));
  }

  /** Stops the watchdog: cancels its next look, and waits for a look in progress. */
  void stopWatchdog() {
    synchronized (watchdog) {
      watchdogStopped = true;
      if (nextLook != null) {
        nextLook.cancel(false);
      }
    }
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
