package dev.tracker.testkit.internal.extension;

import dev.tracker.testkit.LeakException;
import dev.tracker.testkit.internal.TeardownEvents;
import dev.tracker.testkit.internal.leak.Attribution;
import dev.tracker.testkit.internal.leak.LeakVerification;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The leak verification of a scope, stored right after its workspace, so closed right before it:
 * after every client and the daemon.
 */
final class ManagedLeakCheck extends StoreResource {

  private final LeakVerification verification;
  private final Outcome outcome;
  private final @Nullable Runnable then;

  /**
   * @param then what to do after the check, pass or fail (release a standalone check's attribution)
   */
  ManagedLeakCheck(LeakVerification verification, Outcome outcome, @Nullable Runnable then) {
    this.verification = verification;
    this.outcome = outcome;
    this.then = then;
  }

  Attribution attribution() {
    return verification.attribution();
  }

  @Override
  public void close() {
    try {
      List<String> leaks = verification.verify();
      TeardownEvents.record("leak check");
      if (!leaks.isEmpty()) {
        outcome.fail();
        throw new LeakException(verification.heading(leaks.size()), leaks);
      }
    } finally {
      if (then != null) {
        then.run();
      }
    }
  }
}
