package dev.tracker.testkit.internal.extension;

import dev.tracker.daemon.ManualScheduler;
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
  // the daemon's time, when the class asked for manual time
  private final @Nullable ManualScheduler time;
  private final TrackerWorkspace workspace;
  private final Outcome outcome;
  private final @Nullable LeakVerification leaks;

  ManagedDaemon(
      TrackerDaemon daemon,
      @Nullable ManualScheduler time,
      TrackerWorkspace workspace,
      Outcome outcome,
      @Nullable LeakVerification leaks) {
    this.daemon = daemon;
    this.time = time;
    this.workspace = workspace;
    this.outcome = outcome;
    this.leaks = leaks;
  }

  TrackerDaemon daemon() {
    return daemon;
  }

  @Nullable ManualScheduler time() {
    return time;
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
