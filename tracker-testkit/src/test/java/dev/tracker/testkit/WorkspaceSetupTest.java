package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Issue;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.TrackerDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workspace is what the annotation asks for: git, a remote, a seed, periodic syncs. */
class WorkspaceSetupTest {

  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  @BeforeEach
  void clear() {
    SEEN.clear();
  }

  @Fixture
  @TrackerDaemonTest(seed = "seeds/two-issues.jsonl")
  static class Seeded {
    @Test
    void the_seed_is_served(TrackerService tracker, TrackerWorkspace workspace) throws IOException {
      assertThat(tracker.list())
          .extracting(Issue::id)
          .containsExactlyInAnyOrder("TEST-001", "TEST-002");
      assertThat(tracker.ready()).extracting(Issue::id).containsExactly("TEST-001");
      assertThat(Files.readAllLines(workspace.jsonl())).hasSize(2);
    }
  }

  @Fixture
  @TrackerTest(seed = "/seeds/two-issues.jsonl")
  static class SeededEmbedded {
    @Test
    void the_seed_is_there(TrackerService tracker) {
      assertThat(tracker.list()).hasSize(2);
    }
  }

  @Fixture
  @TrackerDaemonTest(git = true)
  static class WithGit {
    @Test
    void a_sync_commits(TrackerService tracker, TrackerWorkspace workspace) throws IOException {
      assertThat(workspace.git()).contains(workspace.root());
      assertThat(workspace.remote()).isEmpty();
      tracker.create("commit me");

      SyncResult sync = tracker.sync();

      assertThat(sync.committed()).isTrue();
      try (Repository repository = Git.open(workspace.root().toFile()).getRepository()) {
        assertThat(repository.getBranch()).isEqualTo("main");
        assertThat(repository.resolve(Constants.HEAD)).isNotNull();
      }
    }
  }

  @Fixture
  @TrackerDaemonTest(remote = true)
  static class WithRemote {
    @Test
    void a_sync_pushes_to_the_bare_remote(TrackerService tracker, TrackerWorkspace workspace)
        throws IOException {
      assertThat(workspace.git()).contains(workspace.root());
      assertThat(workspace.remote()).isPresent();
      tracker.create("push me");

      SyncResult sync = tracker.sync();

      assertThat(sync.pushed()).isTrue();
      try (Repository remote =
          Git.open(workspace.remote().orElseThrow().toFile()).getRepository()) {
        assertThat(remote.isBare()).isTrue();
        ObjectId main = remote.resolve("refs/heads/main");
        assertThat(main).isNotNull();
      }
      SEEN.put("remote", workspace.remote().orElseThrow());
    }
  }

  @Fixture
  @TrackerDaemonTest(syncEnabled = true, syncInterval = "200ms", manualTime = true)
  static class PeriodicSync {
    @Test
    void syncs_run_by_themselves(TrackerDaemon daemon, ManualScheduler time) {
      assertThat(daemon.config().syncEnabled()).isTrue();
      assertThat(daemon.config().syncInterval()).isEqualTo(Duration.ofMillis(200));
      time.advance(Duration.ofMillis(399));
      assertThat(daemon.syncs().count()).isOne();
      time.advance(Duration.ofMillis(1));
      assertThat(daemon.syncs().count()).isEqualTo(2);
      assertThat(daemon.syncs().last().orElseThrow().succeeded()).isTrue();
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class NoBackgroundSyncByDefault {
    @Test
    void no_periodic_sync(TrackerDaemon daemon) {
      assertThat(daemon.config().syncEnabled()).isFalse();
      assertThat(daemon.config().gitEnabled()).isFalse();
    }
  }

  @Test
  void a_seed_is_imported_before_the_daemon_starts_and_exported_to_the_jsonl_file() {
    Fixtures.run(Seeded.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void a_seed_may_start_with_a_slash_and_seeds_an_embedded_service_too() {
    Fixtures.run(SeededEmbedded.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void git_makes_the_workspace_a_repository_on_main_that_syncs_commit_to() {
    Fixtures.run(WithGit.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void a_remote_is_a_bare_repository_that_syncs_push_to_and_is_deleted_with_the_workspace() {
    Fixtures.run(WithRemote.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));

    assertThat((Path) Objects.requireNonNull(SEEN.get("remote"))).doesNotExist();
  }

  @Test
  void sync_runs_by_itself_only_when_asked_for() {
    Fixtures.run(PeriodicSync.class, NoBackgroundSyncByDefault.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }
}
