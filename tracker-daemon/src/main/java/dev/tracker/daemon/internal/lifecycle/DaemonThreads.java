package dev.tracker.daemon.internal.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates every thread of one daemon, names it after the daemon and its job ({@code
 * tracker-daemon[<workspace>]-accept}), and remembers it until it has ended, so that a shutdown can
 * join them all and name the ones that did not end.
 *
 * <p>A thread stays in the set until it is seen dead (threads are pruned whenever one is created),
 * not until its work returns: a thread whose work has returned is still alive for a moment, and a
 * leak check right after {@code close()} must not find it.
 */
public final class DaemonThreads {

  private static final Logger LOG = LoggerFactory.getLogger(DaemonThreads.class);

  private final String prefix;
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  /** Threads for the daemon of the workspace with this directory name. */
  public DaemonThreads(String workspaceName) {
    this.prefix = "tracker-daemon[" + workspaceName + "]";
  }

  /** The start of every thread name: {@code tracker-daemon[<workspace>]}. */
  public String prefix() {
    return prefix;
  }

  /** Creates and starts a thread named {@code <prefix>-<role>}. */
  public Thread start(String role, Runnable work) {
    Thread thread = create(role, work);
    thread.start();
    return thread;
  }

  /** A factory whose threads are named {@code <prefix>-<role>} and tracked like the others. */
  public ThreadFactory factory(String role) {
    return work -> create(role, work);
  }

  private Thread create(String role, Runnable work) {
    threads.removeIf(thread -> !thread.isAlive() && thread.getState() != Thread.State.NEW);
    Thread thread = new Thread(work, prefix + "-" + role);
    // a daemon that was never closed must not keep the JVM from exiting
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(
        (failed, e) -> LOG.error("{} ended with an unexpected failure", failed.getName(), e));
    threads.add(thread);
    return thread;
  }

  /** Threads created and not yet seen dead, other than the calling one. */
  public List<Thread> alive() {
    List<Thread> alive = new ArrayList<>();
    for (Thread thread : threads) {
      if (thread != Thread.currentThread() && thread.isAlive()) {
        alive.add(thread);
      }
    }
    return alive;
  }

  /**
   * Waits until every thread whose name continues the prefix with {@code role} (all threads for an
   * empty role) has ended, except the calling one, or the deadline passes.
   *
   * @return the threads still alive
   */
  public List<Thread> join(String role, Deadline deadline) throws InterruptedException {
    String name = prefix + "-" + role;
    for (Thread thread : alive()) {
      if (thread.getName().startsWith(name)) {
        // one look at the clock: 0 means passed (and join(0) would wait forever)
        long millis = deadline.remainingMillisForWait();
        if (millis > 0) {
          thread.join(millis);
        }
      }
    }
    List<Thread> alive = new ArrayList<>();
    for (Thread thread : alive()) {
      if (thread.getName().startsWith(name)) {
        alive.add(thread);
      }
    }
    return alive;
  }

  /** Waits for every thread but the calling one; see {@link #join(String, Deadline)}. */
  public List<Thread> joinAll(Deadline deadline) throws InterruptedException {
    return join("", deadline);
  }

  /** Each thread's name, state and stack, one frame a line, for a failure message. */
  public static String describe(List<Thread> threads) {
    StringBuilder text = new StringBuilder();
    text.append(": ").append(threads.size()).append(" thread(s) still alive");
    for (Thread thread : threads) {
      text.append("\n").append(thread.getName()).append(" (").append(thread.getState()).append(')');
      for (StackTraceElement frame : thread.getStackTrace()) {
        text.append("\n\tat ").append(frame);
      }
    }
    return text.toString();
  }
}
