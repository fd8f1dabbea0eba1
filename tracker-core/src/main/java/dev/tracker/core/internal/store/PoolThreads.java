package dev.tracker.core.internal.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread factory of one database pool: every thread HikariCP starts for it (the housekeeper,
 * the connection adder and closer, the assassin of a shutdown) is named {@code
 * tracker-db[<workspace>]-<n>} and remembered until it is seen dead, so that closing the pool can
 * wait for each.
 *
 * <p>HikariCP does not wait for them itself: its housekeeper is stopped with {@code shutdownNow()}
 * and never awaited, the adder is awaited for the data source's login timeout (0 for SQLite), and
 * an executor reported terminated may still have a worker thread that is leaving {@code run()}.
 */
final class PoolThreads implements ThreadFactory {

  private final String prefix;
  private final AtomicInteger created = new AtomicInteger();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  /** Threads named {@code <poolName>-<n>}. */
  PoolThreads(String poolName) {
    this.prefix = poolName + "-";
  }

  @Override
  public Thread newThread(Runnable work) {
    threads.removeIf(thread -> !thread.isAlive() && thread.getState() != Thread.State.NEW);
    Thread thread = new Thread(work, prefix + created.incrementAndGet());
    // as HikariCP's own factory: a pool nobody closed must not keep the JVM from exiting
    thread.setDaemon(true);
    threads.add(thread);
    return thread;
  }

  /**
   * Waits until every thread this factory created has ended, or the timeout passes.
   *
   * @return the threads still alive
   */
  List<Thread> join(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    for (Thread thread : threads) {
      long millis = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
      if (millis <= 0) {
        break; // join(0) would wait forever
      }
      thread.join(millis);
    }
    List<Thread> alive = new ArrayList<>();
    for (Thread thread : threads) {
      if (thread.isAlive()) {
        alive.add(thread);
      }
    }
    return alive;
  }
}
