package dev.tracker.testkit.internal.extension;

import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.TrackerWorkspace;
import dev.tracker.testkit.internal.TeardownEvents;
import dev.tracker.testkit.internal.leak.LeakVerification;
import org.jspecify.annotations.Nullable;

/**
 * A running daemon and its workspace's paths. Closed after the clients stored after it: the leak
 * check first makes sure nothing is still connected to it, then {@link TrackerDaemon#close()} waits
 * for its threads.
 */
final class ManagedDaemon extends StoreResource {

  private final TrackerDaemon daemon;
  private final TrackerWorkspace workspace;
  private final Outcome outcome;
  private final @Nullable LeakVerification leaks;

  ManagedDaemon(
      TrackerDaemon daemon,
      TrackerWorkspace workspace,
      Outcome outcome,
      @Nullable LeakVerification leaks) {
    this.daemon = daemon;
    this.workspace = workspace;
    this.outcome = outcome;
    this.leaks = leaks;
  }

  TrackerDaemon daemon() {
    return daemon;
  }

  TrackerWorkspace workspace() {
    return workspace;
  }

  @Override
  public void close() {
    try {
      if (leaks != null) {
        leaks.beforeDaemonCloses(daemon);
      }
    } catch (RuntimeException | Error e) {
      // the daemon is closed all the same; what the check found stays the failure
      closeDaemon(e);
      throw e;
    }
    closeDaemon(null);
  }

  /** Closes the daemon; its failure is thrown, or added to {@code earlier} when there is one. */
  private void closeDaemon(@Nullable Throwable earlier) {
    try {
      daemon.close();
    } catch (RuntimeException e) {
      outcome.fail();
      if (earlier == null) {
        throw e;
      }
      earlier.addSuppressed(e);
    } finally {
      TeardownEvents.record("daemon closed");
    }
  }
}
