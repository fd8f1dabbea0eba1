package dev.tracker.testkit.internal;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A hook that sees each step of a teardown as it ends, so that the testkit's own tests can prove
 * the order; nothing listens otherwise.
 */
public final class TeardownEvents {

  private static volatile @Nullable Consumer<String> listener;

  private TeardownEvents() {}

  /** Sets (or with null, removes) the listener. */
  public static void listen(@Nullable Consumer<String> newListener) {
    listener = newListener;
  }

  /** Tells the listener, if there is one, that a step ended. */
  public static void record(String event) {
    Consumer<String> current = listener;
    if (current != null) {
      current.accept(event);
    }
  }
}
