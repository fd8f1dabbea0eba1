package dev.tracker.daemon.cli;

import dev.tracker.core.TrackerService;
import java.util.List;
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

  /**
   * Checks that every id names an issue before a command that changes several changes any: a
   * command is all or nothing.
   *
   * @throws CommandFailure naming the ids that name no issue
   */
  static void requireAll(TrackerService tracker, List<String> ids) {
    List<String> missing = ids.stream().filter(id -> tracker.find(id).isEmpty()).toList();
    if (!missing.isEmpty()) {
      throw new CommandFailure(
          (missing.size() == 1 ? "no issue " : "no issues ")
              + String.join(", ", missing)
              + "; nothing was changed");
    }
  }
}
