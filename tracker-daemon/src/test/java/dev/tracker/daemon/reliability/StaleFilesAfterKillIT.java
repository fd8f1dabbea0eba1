package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.daemon.RpcClient;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon killed with kill -9 leaves its {@code daemon.lock} and its socket behind. Nobody cleans
 * up: clients work in-process meanwhile, and the next {@code tracker daemon start} succeeds.
 */
class StaleFilesAfterKillIT {

  @TempDir Path workspace;
  @TempDir Path scratch;

  private Path tracker() {
    return workspace.resolve(".tracker");
  }

  @AfterEach
  void killTheDaemons() throws Exception {
    Forks.killDaemonsOf(workspace);
  }

  @Test
  void after_kill_9_the_next_start_succeeds_with_no_manual_cleanup() throws Exception {
    long killed;
    try (ForkedDaemon daemon = ForkedDaemon.start(workspace, scratch)) {
      killed = daemon.pid();
      daemon.kill9();
    }
    // what kill -9 leaves behind
    assertThat(DaemonFiles.Lock.read(tracker()).map(DaemonFiles.Lock::pid)).contains(killed);
    Path socket = tracker().resolve(DaemonFiles.SOCKET);
    assertThat(
            Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .isOther())
        .as("a socket file is left at %s", socket)
        .isTrue();

    Forks.Run status = Forks.run(scratch, workspace, "daemon", "status");
    assertThat(status.exitCode()).as(status.err()).isEqualTo(1);
    assertThat(status.err()).contains("No daemon serves " + workspace);
    Forks.Run created = Forks.run(scratch, workspace, "--json", "create", "made in-process");
    assertThat(created.exitCode()).as("a client meanwhile: %s", created.err()).isZero();

    Forks.Run started = Forks.run(scratch, workspace, "daemon", "start");

    assertThat(started.exitCode()).as("the next start: %s", started.err()).isZero();
    long next = DaemonFiles.Lock.read(tracker()).orElseThrow().pid();
    assertThat(next).isNotEqualTo(killed);
    assertThat(started.out()).contains("Daemon started (pid " + next + ")");
    try (RpcClient client = RpcClient.connect(socket)) {
      assertThat(client.result("health").path("pid").longValue()).isEqualTo(next);
      assertThat(client.result("issue.list")).hasSize(1);
    }
    Forks.Run stopped = Forks.run(scratch, workspace, "daemon", "stop");
    assertThat(stopped.exitCode()).as(stopped.err()).isZero();
    assertThat(tracker().resolve(DaemonFiles.LOCK)).doesNotExist();
    assertThat(socket).doesNotExist();
  }
}
