package dev.tracker.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Configurations for tests: isolated from the machine's environment and config files. */
final class Workspaces {

  private Workspaces() {}

  static TrackerConfig.Builder isolated(Path workspace) {
    return TrackerConfig.builder(workspace)
        .readConfigFile(false)
        .environment(Map.of())
        .actor("tester");
  }

  static TrackerService embedded(Path workspace) {
    return TrackerService.embedded(isolated(workspace).build());
  }

  /** Live threads whose name starts with the given prefix. */
  static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .count();
  }

  /** The names of the live threads whose name starts with the given prefix. */
  static List<String> threadNames(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .map(Thread::getName)
        .sorted()
        .toList();
  }
}
