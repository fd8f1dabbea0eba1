package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.ExportResult;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerException;
import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.RpcClient;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
 * {@code Runs.nextStarting()} gives the first run that starts after the call, never the one under
 * way, which {@code next()} gives; {@code started()} counts a run from its start. A sync is held
 * under way by a remote that never answers, and ended by closing that remote.
 */
class NextStartingRunTest {

  @TempDir Path workspace;

  @Test
  void next_starting_skips_the_sync_under_way_and_gives_the_one_after() throws Exception {
    ExecutorService syncing =
        Executors.newSingleThreadExecutor(task -> new Thread(task, "NextStartingRunTest-sync"));
    SilentRemote remote = new SilentRemote();
    try {
      try (Git git = Git.init().setInitialBranch("main").setDirectory(workspace.toFile()).call()) {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("remote", "origin", "url", remote.url("http"));
        config.save();
      }
      // the sync under way ends when the remote hangs up, or at the latest at its timeout: a
      // hang-up JGit does not notice at once must not outlast the test's wait
      TrackerConfig config =
          Daemons.config(workspace)
              .syncInterval(Duration.ofHours(1))
              .syncTimeout(Duration.ofSeconds(10))
              .build();
      try (TrackerDaemon daemon = Daemons.start(config);
          RpcClient client = RpcClient.connect(daemon)) {
        Future<JsonNode> first = syncing.submit(() -> client.result("sync"));
        assertThat(remote.awaitConnection(20)).as("the first sync reached the remote").isTrue();
        assertThat(daemon.syncs().started()).isEqualTo(1);
        assertThat(daemon.syncs().count()).isZero();
        CompletableFuture<Run<SyncResult>> underWay = daemon.syncs().next();
        CompletableFuture<Run<SyncResult>> after = daemon.syncs().nextStarting();

        // the remote hangs up: the first sync fails and ends
        remote.close();
        assertThat(underWay.get(30, TimeUnit.SECONDS).number()).isEqualTo(1);
        assertThat(after)
            .as("completed by a sync that started before it was asked for")
            .isNotDone();
        assertThat(first.get(30, TimeUnit.SECONDS).path("status").stringValue()).isEqualTo("error");

        client.result("sync");
        assertThat(after.get(30, TimeUnit.SECONDS).number()).isEqualTo(2);
        assertThat(daemon.syncs().started()).isEqualTo(2);
        assertThat(daemon.syncs().count()).isEqualTo(2);
      }
    } finally {
      remote.close();
      syncing.shutdownNow();
      assertThat(syncing.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void a_next_starting_future_fails_when_the_daemon_stops_and_after_it_stopped() {
    TrackerDaemon daemon = Daemons.start(Daemons.config(workspace).syncEnabled(false).build());
    CompletableFuture<Run<ExportResult>> waiting = daemon.exports().nextStarting();
    daemon.close();

    assertThat(waiting)
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(TrackerException.class)
        .withMessageContaining("The daemon stopped: no further export will run");
    assertThat(daemon.syncs().nextStarting()).isCompletedExceptionally();
  }
}
