package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.IssueFilter;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.RpcClient;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A remote that accepts the connection and never answers: a sync asked of the daemon fails within
 * {@code sync.timeout} (plus 5 s) with a message that names the remote, while the daemon answers
 * create, list and export within a second each; and the next sync tries again.
 */
class HangingRemoteTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(4);
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  @TempDir Path workspace;

  @ParameterizedTest
  @ValueSource(strings = {"http", "ssh"})
  void a_sync_against_a_remote_that_never_answers_fails_in_time_and_the_daemon_serves_meanwhile(
      String scheme) throws Exception {
    ExecutorService syncing =
        Executors.newSingleThreadExecutor(task -> new Thread(task, "HangingRemoteTest-sync"));
    try (SilentRemote remote = new SilentRemote()) {
      String url = remote.url(scheme);
      try (Git git = Git.init().setInitialBranch("main").setDirectory(workspace.toFile()).call()) {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("remote", "origin", "url", url);
        config.save();
      }
      TrackerConfig config =
          Daemons.config(workspace)
              .syncInterval(Duration.ofHours(1))
              .syncTimeout(TIMEOUT)
              .gitSshDirectory(Files.createDirectory(workspace.resolve("ssh")))
              .build();
      String threads;
      try (TrackerDaemon daemon = Daemons.start(config);
          RpcClient syncClient = RpcClient.connect(daemon);
          TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
        threads = daemon.threadNamePrefix();
        tracker.create("before the sync");

        long start = System.nanoTime();
        Future<JsonNode> sync = syncing.submit(() -> syncClient.result("sync"));
        assertThat(remote.awaitConnection(20)).as("the sync reached the remote").isTrue();

        assertThat(timed(() -> tracker.create("during the sync"))).isLessThan(ONE_SECOND);
        assertThat(timed(() -> tracker.list(IssueFilter.all()))).isLessThan(ONE_SECOND);
        assertThat(timed(tracker::exportJsonl)).isLessThan(ONE_SECOND);
        assertThat(sync).as("the sync, still waiting for the remote").isNotDone();
        assertThat(Files.readString(workspace.resolve(".tracker/issues.jsonl")))
            .contains("during the sync");

        JsonNode failed = sync.get(TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(failed.path("status").stringValue()).isEqualTo("error");
        assertThat(failed.path("error").stringValue())
            .isEqualTo(
                "origin ("
                    + url
                    + ") did not answer within 4 s (sync.timeout); the next sync tries again");
        assertThat(took).isLessThan(TIMEOUT.plusSeconds(5));

        // the next sync tries again, and says the same
        JsonNode again = syncClient.result("sync");
        assertThat(again.path("error").stringValue()).contains("did not answer within 4 s");
        assertThat(tracker.list(IssueFilter.all())).hasSize(2);
      }
      // what the transport started for the syncs (JGit's timer thread is named after its caller)
      assertThat(Daemons.threadsNamed(threads)).as("threads left by the daemon").isEmpty();
    } finally {
      syncing.shutdownNow();
      assertThat(syncing.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Duration timed(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
