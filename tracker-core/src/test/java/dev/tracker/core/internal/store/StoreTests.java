package dev.tracker.core.internal.store;

import dev.tracker.core.TrackerConfig;
import java.nio.file.Path;
import java.util.Map;

/** Configurations for store tests: isolated from the machine's environment and config files. */
final class StoreTests {

  private StoreTests() {}

  static TrackerConfig config(Path workspace) {
    return TrackerConfig.builder(workspace)
        .readConfigFile(false)
        .environment(Map.of())
        .actor("tester")
        .build();
  }
}
