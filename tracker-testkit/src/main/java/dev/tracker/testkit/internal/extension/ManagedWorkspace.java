package dev.tracker.testkit.internal.extension;

import dev.tracker.testkit.internal.TeardownEvents;
import dev.tracker.testkit.internal.leak.Attribution;
import dev.tracker.testkit.internal.workspace.Directories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The directories of a scope (its workspaces, per-method ones included, and a bare remote): the
 * first value the scope stores, so the last closed. Deleted when the class passed; kept, and their
 * paths reported, when it failed.
 */
final class ManagedWorkspace extends StoreResource {

  static final String REPORT_KEY = "tracker.workspace";

  private final ExtensionContext owner;
  private final Outcome outcome;
  private final Attribution attribution;
  private final List<Path> directories = new CopyOnWriteArrayList<>();

  ManagedWorkspace(ExtensionContext owner, Outcome outcome, Attribution attribution) {
    this.owner = owner;
    this.outcome = outcome;
    this.attribution = attribution;
  }

  void add(Path directory) {
    directories.add(directory);
  }

  @Override
  public void close() {
    try {
      if (directories.isEmpty()) {
        return;
      }
      String paths = directories.stream().map(Path::toString).collect(Collectors.joining(", "));
      if (outcome.failed(owner)) {
        owner.publishReportEntry(REPORT_KEY, paths);
        System.err.println(
            "[tracker-testkit] "
                + owner.getRequiredTestClass().getName()
                + " failed: its workspace is kept for inspection: "
                + paths);
        TeardownEvents.record("workspace kept");
        return;
      }
      List<String> failures = new ArrayList<>();
      for (Path directory : directories) {
        failures.addAll(Directories.delete(directory));
      }
      TeardownEvents.record("workspace deleted");
      if (!failures.isEmpty()) {
        throw new IllegalStateException(
            "Cannot delete the workspace of "
                + owner.getRequiredTestClass().getName()
                + ":\n  "
                + String.join("\n  ", failures));
      }
    } finally {
      attribution.release();
    }
  }
}
