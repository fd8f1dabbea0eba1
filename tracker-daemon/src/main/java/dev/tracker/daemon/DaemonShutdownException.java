package dev.tracker.daemon;

import dev.tracker.core.TrackerException;
import java.util.List;

/**
 * A daemon's shutdown did not end in time: the threads named in the message, each with its stack,
 * were still alive when {@link TrackerDaemon#close()} gave up waiting. Or it ended, but without
 * writing an export a change waited for, since the background work outlived the close timeout
 * ({@link #threads()} is empty then).
 */
public class DaemonShutdownException extends TrackerException {

  private static final long serialVersionUID = 1L;

  // List.copyOf's lists are serializable; javac sees only the interface, which is not
  @SuppressWarnings("serial")
  private final List<String> threads;

  /** Creates the exception; the message should carry the threads' stacks. */
  public DaemonShutdownException(String message, List<String> threads) {
    super(message);
    this.threads = List.copyOf(threads);
  }

  /** The names of the threads that were still alive. */
  public List<String> threads() {
    return threads;
  }
}
