package dev.tracker.daemon.cli;

import dev.tracker.core.TrackerService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code tracker} command that works on the tracker of the workspace: opened for the one command
 * (through the daemon when one serves it) and closed after it.
 */
abstract class Subcommand implements Callable<Integer> {

  @Spec CommandSpec spec = CommandSpec.create();

  final TrackerCommand root() {
    Object root = spec.root().userObject();
    if (!(root instanceof TrackerCommand command)) {
      throw new IllegalStateException("tracker commands run under TrackerCommand");
    }
    return command;
  }

  @Override
  public final Integer call() {
    try (TrackerService tracker = root().open()) {
      run(tracker, root().printer());
    }
    return 0;
  }

  abstract void run(TrackerService tracker, Printer printer);
}
