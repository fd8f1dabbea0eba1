package dev.tracker.daemon.cli;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.core.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tracker init [--prefix P]}: makes the workspace's {@code .tracker/}. */
@Command(name = "init", description = "Make .tracker/ here: config, database, empty issues.jsonl.")
final class InitCommand implements Callable<Integer> {

  @Spec CommandSpec spec = CommandSpec.create();

  @Option(names = "--prefix", paramLabel = "P", description = "The prefix of new ids.")
  @Nullable String prefix;

  @Override
  public Integer call() {
    TrackerCommand root = (TrackerCommand) spec.root().userObject();
    Path workspace = root.newWorkspace();
    Path config = workspace.resolve(TrackerConfig.DIRECTORY).resolve("config.yaml");
    if (prefix != null && Files.exists(config)) {
      throw new ValidationException(
          config + " already exists; edit its prefix there rather than through init");
    }
    try {
      Files.createDirectories(config.getParent());
      if (!Files.exists(config)) {
        Files.writeString(
            config, "prefix: " + (prefix != null ? prefix : TrackerConfig.DEFAULT_PREFIX) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + config, e);
    }
    // the configuration is read back, so a bad prefix is refused before anything else is made
    TrackerConfig loaded = TrackerConfig.load(workspace);
    try (TrackerService tracker = TrackerService.embedded(loaded)) {
      tracker.exportJsonl();
    }
    root.printer()
        .note(
            "Initialized "
                + loaded.trackerDirectory()
                + " (prefix "
                + loaded.prefix()
                + "); 'tracker sync' commits its config.yaml and issues.jsonl to share them");
    return 0;
  }
}
