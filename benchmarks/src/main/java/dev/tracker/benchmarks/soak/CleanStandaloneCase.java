package dev.tracker.benchmarks.soak;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.testkit.LeakCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean class of the clean suite, with {@code @LeakCheck} alone: what it opens on its
 * {@code @TempDir} (a service, a file, a thread pool) it closes and waits for, as a careful test
 * does.
 */
@LeakCheck
public class CleanStandaloneCase {

  @Test
  void a_service_on_a_temp_dir_is_closed(@TempDir Path directory) {
    TrackerConfig config =
        TrackerConfig.builder(directory).readConfigFile(false).environment(Map.of()).build();
    try (TrackerService tracker = TrackerService.embedded(config)) {
      tracker.create("closed with its service");
    }
  }

  @Test
  void a_file_and_a_pool_are_closed(@TempDir Path directory) throws Exception {
    Path file = Files.writeString(directory.resolve("notes.txt"), "read me");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> read = pool.submit(() -> length(file));
      SoakCase.check(read.get(30, TimeUnit.SECONDS) == 7, "seven bytes");
    } finally {
      pool.shutdown();
      SoakCase.check(pool.awaitTermination(30, TimeUnit.SECONDS), "the pool ended");
    }
  }

  private static int length(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readAllBytes().length;
    }
  }
}
