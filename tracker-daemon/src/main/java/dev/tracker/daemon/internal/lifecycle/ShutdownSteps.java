package dev.tracker.daemon.internal.lifecycle;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps of a shutdown one after the other. A failed step is logged and the next one runs:
 * the files must go and the threads must end whatever failed before. An interrupt does not cut the
 * shutdown short either; it is remembered and the flag restored at the end.
 */
public final class ShutdownSteps {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSteps.class);

  private final Path workspace;
  private boolean interrupted = Thread.interrupted();

  public ShutdownSteps(Path workspace) {
    this.workspace = workspace;
  }

  /** One step; it may wait, and be interrupted while waiting. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  public void run(String name, Step step) {
    try {
      step.run();
    } catch (InterruptedException e) {
      interrupted = true;
      LOG.warn("Shutdown of the daemon of {} interrupted at: {}", workspace, name);
    } catch (Exception e) {
      LOG.error("Shutdown of the daemon of {} failed to {}", workspace, name, e);
    }
  }

  /** Sets the interrupt flag again if the shutdown was interrupted. */
  public void restoreInterrupt() {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
