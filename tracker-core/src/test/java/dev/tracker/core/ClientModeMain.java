package dev.tracker.core;

import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link ClientClassLoadingTest}: opens a tracker on the workspace in the
 * mode given ({@code connect} or {@code embedded}), makes one call, prints what it got.
 */
public final class ClientModeMain {

  private ClientModeMain() {}

  public static void main(String[] args) {
    Path workspace = Path.of(args[1]);
    try (TrackerService tracker =
        "connect".equals(args[0])
            ? TrackerService.connect(workspace)
            : TrackerService.embedded(TrackerConfig.load(workspace))) {
      System.out.println("total=" + tracker.stats().total());
    }
  }
}
