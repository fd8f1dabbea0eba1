package dev.tracker.core;

import dev.tracker.core.internal.protocol.DaemonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Lock files for tests that stand in for a running daemon. */
final class Daemons {

  private Daemons() {}

  /** Writes {@code .tracker/daemon.lock} naming this socket, as a running daemon would. */
  static void writeLock(Path workspace, Path socket) {
    Path directory = workspace.resolve(TrackerConfig.DIRECTORY);
    try {
      Files.createDirectories(directory);
      Files.write(
          directory.resolve(DaemonFiles.LOCK),
          new DaemonFiles.Lock(
                  ProcessHandle.current().pid(), socket, Version.current(), Instant.now())
              .toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
