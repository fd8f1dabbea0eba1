package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.ExportResult;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerException;
import dev.tracker.core.internal.jsonl.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Sync, export and import, asked for and in the background; awaited through the daemon's runs. */
class DaemonSyncTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path workspace;

  private Path issuesFile() {
    return workspace.resolve(".tracker/issues.jsonl");
  }

  private TrackerConfig.Builder config() {
    // no periodic sync unless a test asks: the syncs counted are the ones it causes
    return Daemons.config(workspace).syncInterval(Duration.ofHours(1));
  }

  @Test
  void sync_creates_issues_jsonl_with_the_seeded_issues() throws Exception {
    try (TrackerDaemon daemon = Daemons.start(config().build());
        RpcClient client = RpcClient.connect(daemon)) {
      String a = client.result("issue.create", "{\"title\":\"first\"}").path("id").stringValue();
      String b = client.result("issue.create", "{\"title\":\"second\"}").path("id").stringValue();

      JsonNode sync = client.result("sync");

      assertThat(sync.path("status").stringValue()).isEqualTo("success");
      assertThat(sync.path("stats").path("exported").intValue()).isEqualTo(2);
      assertThat(sync.path("stats").has("duration_ms")).isTrue();
      List<String> lines = Files.readAllLines(issuesFile());
      assertThat(lines).hasSize(2);
      assertThat(lines).anySatisfy(line -> assertThat(line).contains(a, "first"));
      assertThat(lines).anySatisfy(line -> assertThat(line).contains(b, "second"));
      assertThat(daemon.syncs().count()).isEqualTo(1);
    }
  }

  @Test
  void after_an_update_a_second_sync_rewrites_the_file() throws Exception {
    try (TrackerDaemon daemon = Daemons.start(config().build());
        RpcClient client = RpcClient.connect(daemon)) {
      String id = client.result("issue.create", "{\"title\":\"before\"}").path("id").stringValue();
      client.result("sync");
      assertThat(Files.readString(issuesFile())).contains("before");

      client.result("issue.update", "{\"id\":\"" + id + "\",\"title\":\"after\"}");
      JsonNode sync = client.result("sync");

      assertThat(sync.path("stats").path("exported").intValue()).isEqualTo(1);
      assertThat(Files.readString(issuesFile())).contains("after").doesNotContain("before");
    }
  }

  @Test
  void an_empty_database_exports_an_empty_file() throws Exception {
    try (TrackerDaemon daemon = Daemons.start(config().build());
        RpcClient client = RpcClient.connect(daemon)) {
      JsonNode sync = client.result("sync");

      assertThat(sync.path("status").stringValue()).isEqualTo("success");
      assertThat(issuesFile()).exists().isEmptyFile();
    }
  }

  @Test
  void sync_with_git_commits_and_a_change_then_sync_makes_a_new_commit() throws Exception {
    Git.init().setInitialBranch("main").setDirectory(workspace.toFile()).call().close();
    try (TrackerDaemon daemon = Daemons.start(config().build());
        RpcClient client = RpcClient.connect(daemon)) {
      assertThat(client.result("status").path("git_enabled").booleanValue()).isTrue();
      String id = client.result("issue.create", "{\"title\":\"tracked\"}").path("id").stringValue();

      JsonNode first = client.result("sync");
      assertThat(first.path("stats").path("committed").booleanValue()).isTrue();
      assertThat(commits()).isEqualTo(1);
      assertThat(headFile()).contains(id);

      client.result("issue.close", "{\"id\":\"" + id + "\",\"reason\":\"done\"}");
      JsonNode second = client.result("sync");

      assertThat(second.path("stats").path("committed").booleanValue()).isTrue();
      assertThat(commits()).isEqualTo(2);
      assertThat(headFile()).contains("\"closed\"");

      JsonNode third = client.result("sync");
      assertThat(third.path("stats").path("committed").booleanValue()).isFalse();
      assertThat(commits()).isEqualTo(2);
    }
  }

  @Test
  void periodic_sync_runs_every_interval() throws Exception {
    TrackerConfig config = Daemons.config(workspace).syncInterval(Duration.ofMillis(50)).build();
    try (TrackerDaemon daemon = Daemons.start(config)) {
      Run<SyncResult> second = daemon.syncs().await(2, WAIT);

      assertThat(second.number()).isGreaterThanOrEqualTo(2);
      assertThat(second.succeeded()).isTrue();
      assertThat(issuesFile()).exists();
      assertThat(daemon.syncs().nextScheduled()).isPresent();
    }
  }

  @Test
  void a_mutation_is_exported_after_the_debounce() throws Exception {
    TrackerConfig config = config().exportDebounce(Duration.ofMillis(20)).build();
    try (TrackerDaemon daemon = Daemons.start(config);
        RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"debounced\"}");

      Run<ExportResult> export = daemon.exports().await(1, WAIT);

      assertThat(export.result().orElseThrow().issues()).isEqualTo(1);
      assertThat(Files.readString(issuesFile())).contains("debounced");
      assertThat(daemon.exports().nextScheduled()).isEmpty();
    }
  }

  @Test
  void each_mutation_moves_the_export_back_and_close_flushes_it() throws Exception {
    TrackerConfig config = config().exportDebounce(Duration.ofHours(1)).build();
    TrackerDaemon daemon = Daemons.start(config);
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"one\"}");
      var firstPlan = daemon.exports().nextScheduled().orElseThrow();
      client.result("issue.create", "{\"title\":\"two\"}");
      assertThat(daemon.exports().nextScheduled().orElseThrow()).isAfterOrEqualTo(firstPlan);
      assertThat(daemon.exports().count()).isZero();
    }

    daemon.close();

    assertThat(daemon.exports().count()).isEqualTo(1);
    assertThat(Files.readString(issuesFile())).contains("one", "two");
  }

  @Test
  void sync_disabled_means_no_export() throws Exception {
    TrackerConfig config =
        Daemons.config(workspace)
            .syncEnabled(false)
            .syncInterval(Duration.ofMillis(10))
            .exportDebounce(Duration.ZERO)
            .build();
    TrackerDaemon daemon = Daemons.start(config);
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"stays in the database\"}");
      client.result("issue.create", "{\"title\":\"so does this\"}");

      assertThat(daemon.exports().nextScheduled()).isEmpty();
      assertThat(daemon.syncs().nextScheduled()).isEmpty();
      assertThat(client.result("status").path("sync_enabled").booleanValue()).isFalse();
    }
    daemon.close();

    assertThat(daemon.exports().count()).isZero();
    assertThat(daemon.syncs().count()).isZero();
    assertThat(issuesFile()).doesNotExist();
  }

  @Test
  void a_file_changed_underneath_is_imported() throws Exception {
    TrackerConfig config = config().build();
    TrackerDaemon daemon =
        TrackerDaemon.builder(config).importPollInterval(Duration.ofMillis(20)).build().start();
    try (daemon;
        RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"local\"}");
      client.result("export");
      String exported = Files.readString(issuesFile());
      long importsBefore = daemon.imports().count();

      // as a git pull would: a new issue in the file, written by someone else
      String pulled =
          exported
              .replace("\"local\"", "\"pulled\"")
              .replaceAll("\"id\":\"[^\"]+\"", "\"id\":\"tr-pulled\"");
      // in one step: the daemon polls every 20 ms, and must not import a half-written file
      AtomicFile.write(issuesFile(), (exported + pulled).getBytes(StandardCharsets.UTF_8));

      Run<?> imported = daemon.imports().await(importsBefore + 1, WAIT);
      assertThat(imported.succeeded()).as("%s", imported).isTrue();
      assertThat(client.result("issue.get", "{\"id\":\"tr-pulled\"}").path("title").stringValue())
          .isEqualTo("pulled");
    }
  }

  @Test
  void the_daemons_own_export_is_not_imported_back() throws Exception {
    TrackerConfig config = config().exportDebounce(Duration.ofMillis(1)).build();
    TrackerDaemon daemon =
        TrackerDaemon.builder(config).importPollInterval(Duration.ofMillis(5)).build().start();
    try (daemon;
        RpcClient client = RpcClient.connect(daemon)) {
      for (int i = 0; i < 5; i++) {
        client.result("issue.create", "{\"title\":\"n" + i + "\"}");
        daemon.exports().await(i + 1, WAIT);
        client.result("sync");
      }
      // a few polls after the last export and sync: a change by the daemon itself is no import
      long syncs = daemon.syncs().count();
      client.result("sync");
      daemon.syncs().await(syncs + 1, WAIT);
      assertThat(daemon.imports().count()).isZero();
    }
  }

  @Test
  void next_is_completed_by_the_next_run_and_fails_once_the_daemon_stopped() throws Exception {
    TrackerDaemon daemon = Daemons.start(config().build());
    CompletableFuture<Run<SyncResult>> next = daemon.syncs().next();
    try (RpcClient client = RpcClient.connect(daemon)) {
      assertThat(next).isNotDone();

      client.result("sync");

      assertThat(next.get(WAIT.toSeconds(), TimeUnit.SECONDS).number()).isEqualTo(1);
      assertThat(daemon.syncs().last()).contains(next.get());
    }
    CompletableFuture<Run<SyncResult>> never = daemon.syncs().next();

    daemon.close();

    assertThat(never).isCompletedExceptionally();
    assertThatThrownBy(() -> daemon.syncs().await(2, WAIT))
        .isInstanceOf(TrackerException.class)
        .hasMessageContaining("stopped after 1");
  }

  private int commits() throws IOException {
    try (Git git = Git.open(workspace.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      ObjectId head = git.getRepository().resolve(Constants.HEAD);
      walk.markStart(walk.parseCommit(head));
      int count = 0;
      for (RevCommit ignored : walk) {
        count++;
      }
      return count;
    }
  }

  private String headFile() throws IOException {
    try (Git git = Git.open(workspace.toFile())) {
      Repository repository = git.getRepository();
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit head = walk.parseCommit(repository.resolve(Constants.HEAD));
        var tree =
            org.eclipse.jgit.treewalk.TreeWalk.forPath(
                repository, ".tracker/issues.jsonl", head.getTree());
        return new String(
            repository.open(tree.getObjectId(0)).getBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }
}
