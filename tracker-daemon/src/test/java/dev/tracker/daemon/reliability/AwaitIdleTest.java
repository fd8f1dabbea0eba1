package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerConfig;
import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.RpcClient;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@link TrackerDaemon#awaitIdle} returns once the background work under way has ended, not before:
 * the testkit's leak check counts the pool connections in use only then.
 */
class AwaitIdleTest {

  @TempDir Path workspace;

  @Test
  void await_idle_returns_once_the_sync_under_way_has_ended() throws Exception {
    ExecutorService syncing =
        Executors.newSingleThreadExecutor(task -> new Thread(task, "AwaitIdleTest-sync"));
    SilentRemote remote = new SilentRemote();
    try {
      try (Git git = Git.init().setInitialBranch("main").setDirectory(workspace.toFile()).call()) {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("remote", "origin", "url", remote.url("http"));
        config.save();
      }
      TrackerConfig config =
          Daemons.config(workspace)
              .syncInterval(Duration.ofHours(1))
              .syncTimeout(Duration.ofMinutes(1))
              .build();
      try (TrackerDaemon daemon = Daemons.start(config);
          RpcClient client = RpcClient.connect(daemon)) {
        assertThat(daemon.awaitIdle(Duration.ofSeconds(30))).as("the first read ended").isTrue();
        Future<JsonNode> sync = syncing.submit(() -> client.result("sync"));
        assertThat(remote.awaitConnection(20)).as("the sync reached the remote").isTrue();

        assertThat(daemon.awaitIdle(Duration.ofMillis(50))).as("idle during the sync").isFalse();
        assertThat(daemon.syncs().count()).isZero();

        remote.close(); // the sync reads the end of its connection and fails
        assertThat(daemon.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(daemon.syncs().count()).as("the sync ended before idle").isOne();
        assertThat(sync.get(30, TimeUnit.SECONDS).path("status").stringValue()).isEqualTo("error");
      }
    } finally {
      remote.close();
      syncing.shutdown();
      assertThat(syncing.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void a_daemon_never_started_or_closed_is_idle_and_starts_no_thread() {
    TrackerDaemon unstarted = new TrackerDaemon(Daemons.config(workspace).build());
    String threads = unstarted.threadNamePrefix();
    assertThat(unstarted.awaitIdle(Duration.ZERO)).isTrue();
    unstarted.close();
    assertThat(unstarted.awaitIdle(Duration.ZERO)).isTrue();
    assertThat(Daemons.threadsNamed(threads)).isEmpty();

    TrackerDaemon started = Daemons.start(Daemons.config(workspace).build());
    started.close();
    assertThat(started.awaitIdle(Duration.ZERO)).isTrue();
  }
}
