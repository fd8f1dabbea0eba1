package dev.tracker.daemon.cli;

import dev.tracker.core.ExportResult;
import dev.tracker.core.TrackerService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Moving issues between the database, files and git. */
final class FileCommands {

  private FileCommands() {}

  @Command(name = "export", description = "Write issues.jsonl (and copy it to FILE).")
  static final class Export extends Subcommand {
    @Option(names = "-o", paramLabel = "FILE", description = "Also write the issues here.")
    @Nullable Path output;

    @Override
    void run(TrackerService tracker, Printer printer) {
      ExportResult result = tracker.exportJsonl();
      if (output != null) {
        Path target = root().resolve(output);
        try {
          Files.copy(result.path(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot write " + target, e);
        }
        result = new ExportResult(target, result.issues(), true);
      }
      printer.exported(result);
    }
  }

  @Command(name = "import", description = "Import a JSONL file in one transaction.")
  static final class Import extends Subcommand {
    @Option(names = "-i", paramLabel = "FILE", required = true)
    Path input = Path.of("");

    @Override
    void run(TrackerService tracker, Printer printer) {
      printer.imported(tracker.importJsonl(root().resolve(input)));
    }
  }

  @Command(name = "sync", description = "Export, commit, pull, merge, push.")
  static final class Sync extends Subcommand {
    @Override
    void run(TrackerService tracker, Printer printer) {
      printer.synced(tracker.sync());
    }
  }
}
