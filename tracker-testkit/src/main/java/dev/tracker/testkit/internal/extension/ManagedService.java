package dev.tracker.testkit.internal.extension;

import dev.tracker.core.TrackerService;
import dev.tracker.testkit.TrackerWorkspace;
import dev.tracker.testkit.internal.TeardownEvents;
import dev.tracker.testkit.internal.leak.LeakVerification;
import org.jspecify.annotations.Nullable;

/** The embedded service of a {@code @TrackerTest} class and its workspace's paths. */
final class ManagedService extends StoreResource {

  private final TrackerService service;
  private final TrackerWorkspace workspace;
  private final Outcome outcome;
  private final @Nullable LeakVerification leaks;

  ManagedService(
      TrackerService service,
      TrackerWorkspace workspace,
      Outcome outcome,
      @Nullable LeakVerification leaks) {
    this.service = service;
    this.workspace = workspace;
    this.outcome = outcome;
    this.leaks = leaks;
  }

  TrackerService service() {
    return service;
  }

  TrackerWorkspace workspace() {
    return workspace;
  }

  @Override
  public void close() {
    try {
      if (leaks != null) {
        leaks.beforeServiceCloses(workspace.root());
      }
    } catch (RuntimeException | Error e) {
      // the service is closed all the same; what the check found stays the failure
      closeService(e);
      throw e;
    }
    closeService(null);
  }

  /** Closes the service; its failure is thrown, or added to {@code earlier} when there is one. */
  private void closeService(@Nullable Throwable earlier) {
    try {
      service.close();
    } catch (RuntimeException e) {
      outcome.fail();
      if (earlier == null) {
        throw e;
      }
      earlier.addSuppressed(e);
    } finally {
      TeardownEvents.record("service closed");
    }
  }
}
