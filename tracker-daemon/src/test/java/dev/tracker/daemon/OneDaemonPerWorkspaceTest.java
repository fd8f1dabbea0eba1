package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.internal.protocol.DaemonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OS lock keeps a second daemon out, whatever this JVM does with the daemon's files: on Linux
 * the lock is a POSIX record lock, which a process loses on the file as soon as it closes any
 * descriptor of it. So another process must still be refused after this one read {@code
 * daemon.lock} and tried a second daemon of its own.
 */
class OneDaemonPerWorkspaceTest {

  @TempDir Path workspace;
  @TempDir Path scratch;

  private Path tracker() {
    return workspace.resolve(TrackerConfig.DIRECTORY);
  }

  @Test
  void reading_daemon_lock_in_the_daemons_jvm_still_keeps_another_process_out() throws Exception {
    try (TrackerDaemon daemon = Daemons.start(Daemons.config(workspace).build())) {
      // what a client in the same JVM does: TrackerService.open and connect read the file
      assertThat(Files.readString(tracker().resolve(DaemonFiles.LOCK)))
          .contains("\"pid\":" + daemon.pid());
      assertThat(DaemonFiles.Lock.read(tracker()).orElseThrow().pid()).isEqualTo(daemon.pid());

      ChildDaemon.Attempt second = ChildDaemon.tryStart(workspace, scratch);

      assertRefused(second, daemon);
    }
  }

  @Test
  void a_second_daemon_refused_in_this_jvm_still_keeps_another_process_out() throws Exception {
    TrackerConfig config = Daemons.config(workspace).build();
    try (TrackerDaemon daemon = Daemons.start(config)) {
      TrackerDaemon again = new TrackerDaemon(config);
      assertThatThrownBy(again::start).isInstanceOf(DaemonAlreadyRunningException.class);
      again.close();

      ChildDaemon.Attempt second = ChildDaemon.tryStart(workspace, scratch);

      assertRefused(second, daemon);
    }
  }

  private void assertRefused(ChildDaemon.Attempt second, TrackerDaemon first) throws Exception {
    assertThat(second.exitCode()).as("a second daemon started: %s", second.output()).isEqualTo(1);
    assertThat(second.output())
        .contains("A daemon already serves " + workspace + " (pid " + first.pid() + ")");
    // the first one's files are untouched and it still serves
    assertThat(DaemonFiles.Lock.read(tracker()).orElseThrow().pid()).isEqualTo(first.pid());
    try (RpcClient client = RpcClient.connect(first)) {
      assertThat(client.result("health").path("pid").longValue()).isEqualTo(first.pid());
    }
  }
}
