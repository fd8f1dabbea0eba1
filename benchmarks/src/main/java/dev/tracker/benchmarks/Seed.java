package dev.tracker.benchmarks;

import dev.tracker.core.ImportResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes a workspace holding {@link Dataset#beads} issues, imported and exported by the product:
 * {@code java -cp benchmarks.jar dev.tracker.benchmarks.Seed <directory> [count]}. The harnesses
 * that time whole processes use it.
 */
public final class Seed {

  private Seed() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]).toAbsolutePath().normalize();
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    System.out.println(seed(root, count));
  }

  /** Seeds the workspace at {@code root} (created if missing) with {@code count} issues. */
  public static ImportResult seed(Path root, int count) throws IOException {
    Files.createDirectories(root);
    Path file = Files.write(root.resolve("beads.jsonl"), Dataset.beads(count, 42));
    TrackerConfig config =
        TrackerConfig.builder(root)
            .readConfigFile(false)
            .environment(Map.of())
            .gitEnabled(false)
            .build();
    try (TrackerService tracker = TrackerService.embedded(config)) {
      ImportResult result = tracker.importJsonl(file);
      tracker.exportJsonl();
      return result;
    } finally {
      Files.delete(file);
    }
  }
}
