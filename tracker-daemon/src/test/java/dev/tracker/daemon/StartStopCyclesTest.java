package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.protocol.DaemonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Starting and stopping many daemons in one JVM leaves nothing behind. */
@Isolated // compares the whole process's open files with a baseline
class StartStopCyclesTest {

  private static final int CYCLES = 100;

  @TempDir Path root;

  @Test
  void a_hundred_start_stop_cycles_leave_no_thread_socket_or_lock_behind() throws Exception {
    cycle(root.resolve("warm-up")); // class loading, native library, first pool
    List<String> filesBefore = Daemons.procFdAvailable() ? Daemons.openFiles() : List.of();

    List<Path> workspaces = new ArrayList<>();
    for (int i = 0; i < CYCLES; i++) {
      Path workspace = root.resolve("cycle-" + i);
      workspaces.add(workspace);
      cycle(workspace);
    }

    assertThat(Daemons.threadsNamed("tracker-daemon[cycle-")).isEmpty();
    assertThat(Daemons.threadsNamed("tracker-db[cycle-")).isEmpty();
    for (Path workspace : workspaces) {
      assertThat(daemonFiles(workspace)).as("daemon files in %s", workspace).isEmpty();
    }
    if (Daemons.procFdAvailable()) {
      // every thread that held a file or a socket has ended: nothing is left to close later
      assertThat(Daemons.openFiles()).isEqualTo(filesBefore);
    }
  }

  @Test
  void one_workspace_can_be_served_again_and_again() throws Exception {
    Path workspace = root.resolve("again");
    for (int i = 0; i < 20; i++) {
      cycle(workspace);
      assertThat(daemonFiles(workspace)).isEmpty();
    }
  }

  private static void cycle(Path workspace) throws IOException {
    TrackerDaemon daemon = Daemons.start(Daemons.config(workspace).build());
    try (daemon;
        RpcClient client = RpcClient.connect(daemon)) {
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
    }
    // asserted at once: close() returns when every thread of the daemon and of its service's
    // database pool has ended
    assertThat(Daemons.threadsNamed(daemon.threadNamePrefix())).isEmpty();
    assertThat(Daemons.threadsNamed(poolPrefix(workspace))).isEmpty();
  }

  private static String poolPrefix(Path workspace) {
    return "tracker-db[" + workspace.getFileName() + "]";
  }

  private static List<Path> daemonFiles(Path workspace) throws IOException {
    try (Stream<Path> files = Files.list(workspace.resolve(".tracker"))) {
      return files
          .filter(
              file ->
                  file.getFileName().toString().equals(DaemonFiles.LOCK)
                      || file.getFileName().toString().equals(DaemonFiles.SOCKET))
          .toList();
    }
  }
}
