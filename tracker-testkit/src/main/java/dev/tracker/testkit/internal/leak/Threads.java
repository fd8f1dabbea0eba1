package dev.tracker.testkit.internal.leak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** This process's live platform threads, and which of them are JUnit's own. */
final class Threads {

  private static final String JUNIT_EXECUTORS = "org.junit.platform.engine.support.hierarchical.";

  private Threads() {}

  /**
   * Every live platform thread, from the root thread group: unlike {@link
   * Thread#getAllStackTraces()} it takes no stack.
   */
  static List<Thread> live() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int count;
    // a thread started between the estimate and the copy would be missed: copy again, larger
    while ((count = root.enumerate(threads, true)) == threads.length) {
      threads = new Thread[threads.length * 2];
    }
    List<Thread> live = new ArrayList<>(Arrays.asList(threads).subList(0, count));
    live.removeIf(thread -> !thread.isAlive());
    return live;
  }

  /**
   * Whether the thread is a worker of JUnit's parallel execution ({@code ForkJoinPool-1-worker-2},
   * {@code junit-1-worker-2}), told by its class since its name is the JDK's default for any pool:
   * JUnit starts them when it needs them and ends them with the run.
   */
  static boolean junits(Thread thread) {
    return thread.getClass().getName().startsWith(JUNIT_EXECUTORS);
  }
}
