package dev.tracker.benchmarks;

import dev.tracker.core.TrackerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A temporary workspace, deleted on close. Its configuration reads neither {@code config.yaml} nor
 * the environment, has git and the background sync off (a benchmark sees only the work it asks for)
 * and keeps the default {@code synchronous=FULL}: committed means durable.
 */
public final class Workspace implements AutoCloseable {

  private final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  /** A new, empty workspace under {@code java.io.tmpdir}. */
  public static Workspace create(String name) {
    try {
      return new Workspace(Files.createTempDirectory("tracker-bench-" + name + "-").toRealPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path root() {
    return root;
  }

  /** The benchmark configuration: durable writes, no git, no background sync. */
  public TrackerConfig config() {
    return builder().build();
  }

  /** The benchmark configuration, to change before building. */
  public TrackerConfig.Builder builder() {
    return TrackerConfig.builder(root)
        .readConfigFile(false)
        .environment(Map.of())
        .gitEnabled(false)
        .syncEnabled(false);
  }

  /** Writes a file into the workspace and returns its path. */
  public Path write(String name, byte[] content) {
    try {
      return Files.write(root.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the workspace and everything in it. */
  @Override
  public void close() {
    delete(root);
  }

  /** Deletes a directory tree; a missing one is fine. */
  public static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
