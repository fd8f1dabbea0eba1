package dev.tracker.testkit.internal.leak;

import dev.tracker.core.internal.Tracking;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * How a leak is told: what points at the culprit. A thread by its name, state and stack; a service
 * or connection by its workspace or socket, its pool, and the stack that created it, cut where the
 * test framework begins; a descriptor by its target, with a guess at what holds such a thing.
 */
final class Culprits {

  private static final int FRAMES = 14;

  private Culprits() {}

  static String describe(Thread thread, String owner) {
    return "thread \""
        + thread.getName()
        + "\" ("
        + thread.getState()
        + (thread.isDaemon() ? ", daemon" : "")
        + ") is still alive, started during "
        + owner
        + ":"
        + frames(thread.getStackTrace(), 0);
  }

  /** A thread a class's code started, alive at the end of the run. */
  static String describeStartedBy(Thread thread, String owner) {
    return "thread \""
        + thread.getName()
        + "\" ("
        + thread.getState()
        + (thread.isDaemon() ? ", daemon" : "")
        + "), started by code of "
        + owner
        + " after that class's leak check, is still alive at the end of the run:"
        + frames(thread.getStackTrace(), 0);
  }

  /** A thread no class's code started (as far as its context class loader tells). */
  static String describeUnpinned(Thread thread, String firstSeenBy) {
    return "thread \""
        + thread.getName()
        + "\" ("
        + thread.getState()
        + (thread.isDaemon() ? ", daemon" : "")
        + "), which carries no class's mark (its factory set its context class loader, or no"
        + " test class's code started it), is still alive at the end of the run; first seen by "
        + firstSeenBy
        + ":"
        + frames(thread.getStackTrace(), 0);
  }

  static String describe(Tracking.OpenService service) {
    String pool =
        service
            .currentPool()
            .map(
                open ->
                    "; its pool "
                        + open.name()
                        + " holds "
                        + open.totalConnections()
                        + " connection(s), "
                        + open.activeConnections()
                        + " in use")
            .orElse("");
    return "TrackerService ("
        + service.mode()
        + ") of "
        + service.workspace()
        + " was not closed"
        + pool
        + site("created", service.creationSite());
  }

  static String describe(Tracking.OpenConnection connection) {
    return "daemon connection to "
        + connection.socket()
        + ", held by "
        + connection.owner()
        + ", was not closed"
        + site("opened", connection.creationSite());
  }

  private static String site(String what, @Nullable Throwable site) {
    if (site == null) {
      return " (where it was " + what + " is unknown: it predates the testkit's warm-up)";
    }
    // skip the registry's own frames and the constructors that called it
    StackTraceElement[] frames = site.getStackTrace();
    int first = 0;
    for (int i = 0; i < frames.length; i++) {
      String type = frames[i].getClassName();
      if (type.startsWith("dev.tracker.core.")
          || type.equals("dev.tracker.testkit.DaemonConnection")) {
        first = i + 1;
      } else {
        break;
      }
    }
    int last = first;
    while (last < frames.length && !framework(frames[last].getClassName())) {
      last++;
    }
    return "; "
        + what
        + " at:"
        + frames(Arrays.copyOfRange(frames, 0, last > first ? last : frames.length), first);
  }

  private static boolean framework(String type) {
    return type.startsWith("jdk.internal.reflect.")
        || type.startsWith("java.lang.reflect.")
        || type.startsWith("org.junit.");
  }

  static String hint(String target) {
    if (target.startsWith("anon_inode:[eventpoll]")) {
      return " (a java.nio Selector?)";
    }
    if (target.startsWith("socket:[")) {
      return " (a socket: a SocketChannel or a client's connection?)";
    }
    if (target.startsWith("anon_inode:[eventfd]")) {
      return " (a java.nio Selector's wakeup?)";
    }
    if (target.startsWith("pipe:[")) {
      return " (a pipe: a Selector's wakeup or a child process's stream?)";
    }
    return "";
  }

  private static String frames(StackTraceElement[] frames, int first) {
    StringBuilder text = new StringBuilder();
    int last = Math.min(frames.length, first + FRAMES);
    for (int i = first; i < last; i++) {
      text.append("\n    at ").append(frames[i]);
    }
    if (frames.length > last) {
      text.append("\n    ... ").append(frames.length - last).append(" more");
    }
    if (first >= frames.length) {
      text.append("\n    (no stack)");
    }
    return text.toString();
  }
}
