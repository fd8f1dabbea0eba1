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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;
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
  void periodic_sync_runs_every_interval_after_the_end_of_the_last() throws Exception {
    ManualScheduler time = new ManualScheduler();
    TrackerConfig config = Daemons.config(workspace).syncInterval(Duration.ofSeconds(30)).build();
    try (TrackerDaemon daemon = Daemons.start(config, time)) {
      assertThat(daemon.syncs().nextScheduled())
          .hasValueSatisfying(at -> assertThat(at).isAfter(Instant.now().plusSeconds(20)));

      time.advance(Duration.ofSeconds(30));

      assertThat(daemon.syncs().count()).isOne();
      assertThat(daemon.syncs().last().orElseThrow().succeeded()).isTrue();
      assertThat(issuesFile()).exists();
      time.advance(Duration.ofMillis(29_999));
      assertThat(daemon.syncs().count()).isOne();
      time.advance(Duration.ofMillis(1));
      assertThat(daemon.syncs().count()).isEqualTo(2);
      time.advance(Duration.ofMinutes(5));
      assertThat(daemon.syncs().count()).isEqualTo(12);
      assertThat(daemon.syncs().nextScheduled()).isPresent();
    }
  }

  @Test
  void a_mutation_is_exported_after_the_debounce() throws Exception {
    ManualScheduler time = new ManualScheduler();
    TrackerConfig config = config().exportDebounce(Duration.ofMillis(500)).build();
    try (TrackerDaemon daemon = Daemons.start(config, time);
        RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"debounced\"}");
      time.advance(Duration.ofMillis(499));
      assertThat(daemon.exports().count()).isZero();
      assertThat(daemon.exports().nextScheduled()).isPresent();

      time.advance(Duration.ofMillis(1));

      Run<ExportResult> export = daemon.exports().last().orElseThrow();
      assertThat(daemon.exports().count()).isOne();
      assertThat(export.result().orElseThrow().issues()).isEqualTo(1);
      assertThat(Files.readString(issuesFile())).contains("debounced");
      assertThat(daemon.exports().nextScheduled()).isEmpty();
    }
  }

  @Test
  void each_mutation_moves_the_export_back_and_close_flushes_it() throws Exception {
    ManualScheduler time = new ManualScheduler();
    TrackerConfig config = config().exportDebounce(Duration.ofMillis(500)).build();
    TrackerDaemon daemon = Daemons.start(config, time);
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"one\"}");
      Instant firstPlan = daemon.exports().nextScheduled().orElseThrow();
      time.advance(Duration.ofMillis(400));
      client.result("issue.create", "{\"title\":\"two\"}");
      assertThat(daemon.exports().nextScheduled().orElseThrow()).isAfter(firstPlan);

      time.advance(Duration.ofMillis(499)); // 899 ms after the first, 499 after the second
      assertThat(daemon.exports().count()).isZero();
    }

    daemon.close();

    assertThat(daemon.exports().count()).isEqualTo(1);
    assertThat(Files.readString(issuesFile())).contains("one", "two");
    assertThat(time.scheduled()).as("tasks left on the scheduler").isZero();
  }

  @Test
  void sync_disabled_means_no_export() throws Exception {
    ManualScheduler time = new ManualScheduler();
    TrackerConfig config =
        Daemons.config(workspace)
            .syncEnabled(false)
            .syncInterval(Duration.ofMillis(10))
            .exportDebounce(Duration.ZERO)
            .build();
    TrackerDaemon daemon = Daemons.start(config, time);
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"stays in the database\"}");
      client.result("issue.create", "{\"title\":\"so does this\"}");
      assertThat(client.result("status").path("sync_enabled").booleanValue()).isFalse();

      time.advance(Duration.ofHours(1)); // the idle client's connection is closed meanwhile

      assertThat(daemon.exports().nextScheduled()).isEmpty();
      assertThat(daemon.syncs().nextScheduled()).isEmpty();
    }
    daemon.close();

    assertThat(daemon.exports().count()).isZero();
    assertThat(daemon.syncs().count()).isZero();
    assertThat(daemon.imports().count()).isZero();
    assertThat(issuesFile()).doesNotExist();
  }

  @Test
  void a_file_changed_underneath_is_imported_at_the_next_look() throws Exception {
    ManualScheduler time = new ManualScheduler();
    TrackerConfig config = config().build();
    TrackerDaemon daemon =
        TrackerDaemon.builder(config)
            .importPollInterval(Duration.ofSeconds(2))
            .scheduler(time)
            .build()
            .start();
    try (daemon;
        RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"local\"}");
      client.result("export");
      String exported = Files.readString(issuesFile());

      // as a git pull would: a new issue in the file, written by someone else
      String pulled =
          exported
              .replace("\"local\"", "\"pulled\"")
              .replaceAll("\"id\":\"[^\"]+\"", "\"id\":\"tr-pulled\"");
      AtomicFile.write(issuesFile(), (exported + pulled).getBytes(StandardCharsets.UTF_8));
      time.advance(Duration.ofMillis(1999));
      assertThat(daemon.imports().count()).isZero();

      time.advance(Duration.ofMillis(1));

      assertThat(daemon.imports().count()).isOne();
      Run<?> imported = daemon.imports().last().orElseThrow();
      assertThat(imported.succeeded()).as("%s", imported).isTrue();
      assertThat(client.result("issue.get", "{\"id\":\"tr-pulled\"}").path("title").stringValue())
          .isEqualTo("pulled");
    }
  }

  @Test
  void the_daemons_own_export_is_not_imported_back() throws Exception {
    ManualScheduler time = new ManualScheduler();
    TrackerConfig config = config().exportDebounce(Duration.ofMillis(500)).build();
    TrackerDaemon daemon =
        TrackerDaemon.builder(config)
            .importPollInterval(Duration.ofSeconds(1))
            .scheduler(time)
            .build()
            .start();
    try (daemon;
        RpcClient client = RpcClient.connect(daemon)) {
      for (int i = 0; i < 5; i++) {
        client.result("issue.create", "{\"title\":\"n" + i + "\"}");
        time.advance(Duration.ofMillis(500)); // the debounced export
        assertThat(daemon.exports().count()).isEqualTo(i + 1);
        client.result("sync");
        time.advance(Duration.ofSeconds(1)); // a look at the file after each
      }
      assertThat(daemon.syncs().count()).isEqualTo(5);
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

  @Test
  void a_revert_pushed_by_another_clone_is_applied_though_its_copy_is_older(@TempDir Path elsewhere)
      throws Exception {
    Path remote = elsewhere.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
    try (Git git = Git.init().setInitialBranch("main").setDirectory(workspace.toFile()).call()) {
      git.remoteAdd().setName("origin").setUri(new URIish(remote.toUri().toString())).call();
    }
    try (TrackerDaemon daemon = Daemons.start(config().build());
        RpcClient client = RpcClient.connect(daemon)) {
      String id = client.result("issue.create", "{\"title\":\"first\"}").path("id").stringValue();
      client.result("sync");
      client.result("issue.update", "{\"id\":\"" + id + "\",\"title\":\"second\"}");
      client.result("sync");
      // another clone reverts the rename with git alone, and pushes the revert
      try (Git other =
          Git.cloneRepository()
              .setURI(remote.toUri().toString())
              .setDirectory(elsewhere.resolve("other").toFile())
              .call()) {
        RevCommit rename = other.log().setMaxCount(1).call().iterator().next();
        other.revert().include(rename).call();
        other.push().call();
      }

      JsonNode pulled = client.result("sync");

      assertThat(pulled.path("status").stringValue()).isEqualTo("success");
      JsonNode issue = client.result("issue.get", "{\"id\":\"" + id + "\"}");
      assertThat(issue.path("title").stringValue()).isEqualTo("first");
      assertThat(Files.readString(issuesFile())).contains("\"first\"").doesNotContain("second");
      client.result("sync");
      assertThat(fileAt(remote, "refs/heads/main"))
          .as("the remote keeps the revert")
          .contains("\"first\"")
          .doesNotContain("second");
    }
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
    return fileAt(workspace, Constants.HEAD);
  }

  /** {@code .tracker/issues.jsonl} at a revision of a repository. */
  private static String fileAt(Path repositoryDirectory, String revision) throws IOException {
    try (Git git = Git.open(repositoryDirectory.toFile())) {
      Repository repository = git.getRepository();
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit head = walk.parseCommit(repository.resolve(revision));
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
