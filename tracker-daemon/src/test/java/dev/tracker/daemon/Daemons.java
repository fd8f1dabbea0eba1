package dev.tracker.daemon;

import dev.tracker.core.TrackerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Configurations, counts and probes shared by the daemon tests. */
public final class Daemons {

  private Daemons() {}

  /** A configuration isolated from the machine's environment and config files. */
  public static TrackerConfig.Builder config(Path workspace) {
    return TrackerConfig.builder(workspace)
        .readConfigFile(false)
        .environment(Map.of())
        .actor("tester");
  }

  public static TrackerDaemon start(TrackerConfig config) {
    return new TrackerDaemon(config).start();
  }

  /** A daemon on the test's time: its background work runs when the test advances the time. */
  public static TrackerDaemon start(TrackerConfig config, ManualScheduler time) {
    return TrackerDaemon.builder(config).scheduler(time).build().start();
  }

  /** Live threads whose name starts with the prefix. */
  public static List<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .map(Thread::getName)
        .sorted()
        .toList();
  }

  public static boolean procFdAvailable() {
    return Files.isDirectory(Path.of("/proc/self/fd"));
  }

  /**
   * This process's open file descriptors, but jar files: class loading opens those once per JVM,
   * whenever a class is first needed.
   */
  public static List<String> openFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(Daemons::target).filter(target -> !target.endsWith(".jar")).sorted().toList();
    }
  }

  private static String target(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return "(closed) " + fd.getFileName(); // the listing's own descriptor, gone already
    }
  }
}
