package dev.tracker.testkit.internal.leak;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.core.internal.Tracking;
import dev.tracker.testkit.internal.workspace.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Runs, once per JVM and before the first baseline, what makes the process-wide threads and files
 * of tracker's libraries appear: JGit's first use (its system configuration probe starts the JDK's
 * {@code process reaper}), SQLite's native library, the first pool, the JDK's random source. A
 * baseline taken after it sees them, so no class is blamed for being first. It starts no daemon.
 */
final class Warmup {

  private static final Object LOCK = new Object();
  private static boolean done;

  private Warmup() {}

  static void once() {
    synchronized (LOCK) {
      if (done) {
        return;
      }
      done = true;
      Tracking.recordCreationSites(true);
      Path directory;
      try {
        directory = Files.createTempDirectory("tracker-warmup-");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a directory for the leak check's warm-up", e);
      }
      try {
        Git.init().setInitialBranch("main").setDirectory(directory.toFile()).call().close();
        TrackerConfig config =
            TrackerConfig.builder(directory).readConfigFile(false).environment(Map.of()).build();
        try (TrackerService tracker = TrackerService.embedded(config)) {
          tracker.stats();
        }
      } catch (GitAPIException e) {
        throw new IllegalStateException("The leak check's warm-up could not use JGit", e);
      } finally {
        Directories.deleteQuietly(directory);
      }
    }
  }
}
