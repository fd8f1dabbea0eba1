package dev.tracker.testkit;

import java.util.List;

/**
 * What the leak check of {@link LeakCheck}, {@link TrackerDaemonTest} and {@link TrackerTest}
 * throws when a class left something behind. The message lists every leak with what points at the
 * culprit: a thread's name and stack, a descriptor's target, a service's workspace and the stack
 * that created it.
 */
public final class LeakException extends AssertionError {

  private static final long serialVersionUID = 1L;

  // List.copyOf's lists are serializable; javac sees only the interface, which is not
  @SuppressWarnings("serial")
  private final List<String> leaks;

  /**
   * A failure with a heading and one entry for each leak.
   *
   * @param heading what was checked, for the first line of the message
   * @param leaks the leaks, one description each; not empty
   */
  public LeakException(String heading, List<String> leaks) {
    super(message(heading, leaks));
    if (leaks.isEmpty()) {
      throw new IllegalArgumentException("a LeakException needs at least one leak");
    }
    this.leaks = List.copyOf(leaks);
  }

  /** Each leak's description, as in the message. */
  public List<String> leaks() {
    return leaks;
  }

  private static String message(String heading, List<String> leaks) {
    StringBuilder message = new StringBuilder(heading);
    for (String leak : leaks) {
      message.append("\n").append("  - ").append(leak.replace("\n", "\n    "));
    }
    return message.toString();
  }
}
