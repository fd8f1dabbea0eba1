package dev.tracker.testkit.internal.extension;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether a scope's class failed: a test, a lifecycle method, the daemon's shutdown or the leak
 * check. The workspace is kept when it did.
 */
final class Outcome {

  private final AtomicBoolean failed = new AtomicBoolean();

  void fail() {
    failed.set(true);
  }

  /** Whether something failed, the owner's own lifecycle (before and after all) included. */
  boolean failed(ExtensionContext owner) {
    return failed.get() || owner.getExecutionException().isPresent();
  }
}
