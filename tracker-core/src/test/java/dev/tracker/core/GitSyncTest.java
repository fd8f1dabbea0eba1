package dev.tracker.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tracker.core.internal.jsonl.BeadsFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync through real repositories: a bare remote and two clones, each with its own tracker. */
class GitSyncTest {

  @TempDir Path dir;
  private Path remote;
  private Path cloneA;
  private Path cloneB;
  private TrackerService a;
  private TrackerService b;

  @BeforeEach
  void twoClonesOfOneRemote() throws Exception {
    remote = GitRepos.bareRemote(dir.resolve("remote.git"));
    cloneA = GitRepos.cloneOf(remote, dir.resolve("a"));
    cloneB = GitRepos.cloneOf(remote, dir.resolve("b"));
    a = TrackerService.embedded(Workspaces.isolated(cloneA).actor("ada").build());
    // B's clock runs an hour ahead: whatever B edits is the later edit
    b =
        TrackerService.embedded(
            Workspaces.isolated(cloneB)
                .actor("bob")
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))
                .build());
  }

  @AfterEach
  void closeTrackers() {
    a.close();
    b.close();
  }

  @Test
  void a_beads_file_keeps_its_lines_through_syncs_and_a_merge_of_both_sides_changes()
      throws Exception {
    Path fixture = BeadsFixtures.copy(BeadsFixtures.V0_40_0, dir.resolve("beads.jsonl"));
    List<String> original = Files.readAllLines(fixture, UTF_8);
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < original.size() && open.size() < 2; i++) {
      if (original.get(i).contains("\"status\":\"open\"")) {
        open.add(i);
      }
    }
    String closedByA = idOf(original.get(open.get(0)));
    String labelledByB = idOf(original.get(open.get(1)));
    a.importJsonl(fixture);
    a.sync();
    b.sync();
    assertThat(Files.readAllLines(trackerFile(cloneB), UTF_8)).isEqualTo(original);

    a.close(closedByA, "done");
    a.sync();
    String lineOfA = Files.readAllLines(trackerFile(cloneA), UTF_8).get(open.get(0));
    b.addLabel(labelledByB, "from-b");
    String lineOfB = Files.readAllLines(b.exportJsonl().path(), UTF_8).get(open.get(1));
    SyncResult merged = b.sync();
    a.sync();

    List<String> expected = new ArrayList<>(original);
    expected.set(open.get(0), lineOfA);
    expected.set(open.get(1), lineOfB);
    assertThat(merged.pulled()).isTrue();
    assertThat(Files.readAllLines(trackerFile(cloneB), UTF_8)).isEqualTo(expected);
    assertThat(Files.readAllLines(trackerFile(cloneA), UTF_8)).isEqualTo(expected);
    assertThat(lineOfA).isNotEqualTo(original.get(open.get(0))).contains("\"status\":\"closed\"");
    assertThat(lineOfB).isNotEqualTo(original.get(open.get(1))).contains("\"from-b\"");
  }

  private static Path trackerFile(Path clone) {
    return clone.resolve(".tracker/issues.jsonl");
  }

  private static String idOf(String line) {
    int start = line.indexOf("\"id\":\"") + 6;
    return line.substring(start, line.indexOf('"', start));
  }

  @Test
  void an_issue_created_on_one_clone_reaches_the_other() {
    Issue issue = a.create("from A");

    SyncResult sent = a.sync();
    SyncResult received = b.sync();

    assertThat(sent.committed()).isTrue();
    assertThat(sent.pushed()).isTrue();
    assertThat(received.pulled()).isTrue();
    assertThat(received.imported()).isEqualTo(1);
    assertThat(b.get(issue.id())).isEqualTo(issue);
  }

  @Test
  void when_both_edit_one_issue_the_later_edit_wins_and_labels_are_united() {
    Issue issue = a.create(NewIssue.builder("original").label("shared").build());
    a.sync();
    b.sync();

    a.update(issue.id(), IssueUpdate.builder().title("edited on A").build());
    a.addLabel(issue.id(), "from-a");
    b.update(issue.id(), IssueUpdate.builder().title("edited on B, later").build());
    b.addLabel(issue.id(), "from-b");
    a.sync();
    SyncResult merged = b.sync();
    a.sync();

    assertThat(merged.conflicts()).isEqualTo(1);
    for (TrackerService tracker : List.of(a, b)) {
      Issue result = tracker.get(issue.id());
      assertThat(result.title()).isEqualTo("edited on B, later");
      assertThat(result.labels()).containsExactly("from-a", "from-b", "shared");
    }
  }

  @Test
  void an_edit_from_the_clone_whose_clock_is_behind_reaches_the_other_and_stays() {
    Issue issue = b.create("made on B, whose clock is ahead");
    b.sync();
    a.sync();

    // A's edit carries an updated_at an hour before B's copy: it is still the newer change
    a.update(issue.id(), IssueUpdate.builder().title("renamed on A").build());
    a.sync();
    b.sync();
    a.sync();

    assertThat(b.get(issue.id()).title()).isEqualTo("renamed on A");
    assertThat(a.get(issue.id()).title()).isEqualTo("renamed on A");
    assertThat(b.get(issue.id())).isEqualTo(a.get(issue.id()));
  }

  @Test
  void the_configuration_is_committed_so_a_fresh_clone_mints_ids_with_the_workspaces_prefix()
      throws Exception {
    Files.createDirectories(cloneA.resolve(".tracker"));
    Files.writeString(cloneA.resolve(".tracker/config.yaml"), "prefix: shared\n");
    try (TrackerService configured =
        TrackerService.embedded(
            TrackerConfig.builder(cloneA).environment(java.util.Map.of()).actor("ada").build())) {
      configured.create("made where the prefix was chosen");
      configured.sync();
    }

    Path fresh = dir.resolve("fresh");
    try (Git original = Git.open(cloneA.toFile())) {
      // the remote was empty when A cloned it: its HEAD names no branch A pushed
      Git.cloneRepository()
          .setURI(remote.toUri().toString())
          .setBranch(original.getRepository().getBranch())
          .setDirectory(fresh.toFile())
          .call()
          .close();
    }
    try (TrackerService tracker =
        TrackerService.embedded(
            TrackerConfig.builder(fresh).environment(java.util.Map.of()).actor("cy").build())) {
      assertThat(tracker.create("made on a fresh clone").id()).startsWith("shared-");
    }
    assertThat(GitRepos.filesInHeadCommit(cloneA)).contains(".tracker/config.yaml");
  }

  @Test
  void a_deletion_stays_deleted_when_a_stale_clone_edits_the_issue() {
    Issue issue = a.create("doomed");
    a.sync();
    b.sync();

    a.delete(issue.id(), "duplicate");
    a.sync();
    b.update(issue.id(), IssueUpdate.builder().title("stale edit, later").build());
    b.sync();
    a.sync();

    assertThat(a.get(issue.id()).isTombstone()).isTrue();
    assertThat(b.get(issue.id()).isTombstone()).isTrue();
    assertThat(b.list()).isEmpty();
  }

  @Test
  void issues_created_at_once_on_both_clones_meet_without_an_id_collision() {
    for (int i = 0; i < 20; i++) {
      a.create("A " + i);
      b.create("B " + i);
    }

    a.sync();
    b.sync();
    a.sync();

    Set<String> idsOnA = a.list().stream().map(Issue::id).collect(Collectors.toSet());
    Set<String> idsOnB = b.list().stream().map(Issue::id).collect(Collectors.toSet());
    assertThat(idsOnA).hasSize(40).isEqualTo(idsOnB);
  }

  @Test
  void the_commit_count_grows_only_when_the_file_changed() throws Exception {
    a.create("one");
    a.sync();
    int afterFirst = GitRepos.commitCount(cloneA);

    SyncResult idle = a.sync();
    assertThat(idle.committed()).isFalse();
    assertThat(idle.pushed()).isFalse();
    assertThat(GitRepos.commitCount(cloneA)).isEqualTo(afterFirst);

    a.create("two");
    a.sync();
    assertThat(GitRepos.commitCount(cloneA)).isEqualTo(afterFirst + 1);
  }

  @Test
  void the_commit_message_says_how_many_issues_changed() throws Exception {
    a.create("one");
    a.create("two");
    a.sync();

    try (Git git = Git.open(cloneA.toFile())) {
      assertThat(git.log().setMaxCount(1).call().iterator().next().getFullMessage())
          .isEqualTo("tracker: 2 issues changed");
    }
  }

  @Test
  void the_author_is_the_configured_one_else_the_repository_identity() throws Exception {
    try (Git git = Git.open(cloneB.toFile())) {
      var repoConfig = git.getRepository().getConfig();
      repoConfig.setString("user", null, "name", "Repo User");
      repoConfig.setString("user", null, "email", "repo@example.com");
      repoConfig.save();
    }
    try (TrackerService configured =
        TrackerService.embedded(
            Workspaces.isolated(cloneA).gitAuthor("Configured Bot <bot@example.com>").build())) {
      configured.create("by the bot");
      configured.sync();
    }
    b.sync();
    b.create("by the repository's user");
    b.sync();

    try (Git git = Git.open(cloneB.toFile())) {
      List<String> authors = new ArrayList<>();
      git.log().call().forEach(commit -> authors.add(commit.getAuthorIdent().toExternalString()));
      assertThat(authors.get(0)).startsWith("Repo User <repo@example.com>");
      assertThat(authors.get(authors.size() - 1)).startsWith("Configured Bot <bot@example.com>");
    }
  }

  @Test
  void git_on_the_command_line_accepts_the_repositories() throws Exception {
    assumeThat(GitRepos.gitOnPath())
        .as("git is on PATH; without it this check cannot run")
        .isTrue();
    Issue issue = a.create("one");
    a.sync();
    b.sync();
    b.update(issue.id(), IssueUpdate.builder().title("changed on B").build());
    b.create("two");
    a.create("three");
    b.sync();
    a.sync();

    for (Path repository : List.of(cloneA, cloneB, remote)) {
      GitRepos.git(repository, "fsck", "--strict");
      assertThat(GitRepos.git(repository, "log", "--oneline", "--all")).contains("tracker:");
    }
    assertThat(GitRepos.git(cloneA, "status", "--porcelain")).doesNotContain("issues.jsonl");
  }

  @Test
  void other_files_are_never_committed_nor_reverted() throws Exception {
    GitRepos.commitFile(cloneA, "README.md", "first\n", "readme");
    a.create("one");
    a.sync();
    b.sync();
    GitRepos.commitFile(cloneB, "NOTES.md", "from B\n", "notes");
    b.create("two");
    b.sync();
    Files.writeString(cloneA.resolve("README.md"), "edited, not staged\n");
    Files.writeString(cloneA.resolve("staged.txt"), "staged, not committed\n");
    try (Git git = Git.open(cloneA.toFile())) {
      git.add().addFilepattern("staged.txt").call();
    }

    a.create("three");
    SyncResult result = a.sync();

    assertThat(result.pulled()).isTrue();
    assertThat(cloneA.resolve("README.md")).hasContent("edited, not staged");
    assertThat(cloneA.resolve("NOTES.md")).hasContent("from B");
    try (Git git = Git.open(cloneA.toFile())) {
      Status status = git.status().call();
      assertThat(status.getModified()).containsExactly("README.md");
      assertThat(status.getAdded()).containsExactly("staged.txt");
      assertThat(status.getChanged()).isEmpty();
      assertThat(status.getUntracked()).doesNotContain(".tracker/issues.jsonl");
    }
  }

  @Test
  void without_a_remote_sync_commits_only() throws Exception {
    Path alone = GitRepos.init(dir.resolve("alone"));
    try (TrackerService tracker = Workspaces.embedded(alone)) {
      tracker.create("first ever");

      SyncResult result = tracker.sync();

      assertThat(result.committed()).isTrue();
      assertThat(result.pulled()).isFalse();
      assertThat(result.pushed()).isFalse();
      assertThat(GitRepos.commitCount(alone)).isEqualTo(1);
      assertThat(GitRepos.filesInHeadCommit(alone))
          .containsExactlyInAnyOrder(".tracker/issues.jsonl", ".tracker/.gitignore");
    }
  }

  @Test
  void with_git_disabled_sync_exports_only() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    try (TrackerService tracker = Workspaces.embedded(plain)) {
      tracker.create("one");

      SyncResult result = tracker.sync();

      assertThat(result.exported()).isEqualTo(1);
      assertThat(result.committed()).isFalse();
      assertThat(tracker.config().exportPath()).exists();
    }
  }

  @Test
  void a_detached_head_is_refused_with_a_message() throws Exception {
    a.create("one");
    a.sync();
    try (Git git = Git.open(cloneA.toFile())) {
      git.checkout().setName(git.getRepository().resolve("HEAD").name()).call();
    }
    a.create("two");

    assertThatThrownBy(a::sync)
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("detached")
        .hasMessageContaining("check out a branch");
  }

  @Test
  void an_unreachable_remote_is_reported_and_leaves_everything_consistent() throws Exception {
    try (Git git = Git.open(cloneA.toFile())) {
      git.remoteSetUrl()
          .setRemoteName("origin")
          .setRemoteUri(new URIish("http://127.0.0.1:1/nobody-listens.git"))
          .call();
    }
    Issue issue = a.create("kept");

    assertThatThrownBy(a::sync)
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("Cannot fetch from origin")
        .hasMessageContaining("127.0.0.1:1")
        .hasCauseInstanceOf(GitAPIException.class);
    assertThat(a.get(issue.id())).isEqualTo(issue);
    try (Git git = Git.open(cloneA.toFile())) {
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  @Test
  void an_unwritable_export_path_is_reported_and_changes_nothing() throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-directory"), "a file");
    try (TrackerService tracker =
        TrackerService.embedded(
            Workspaces.isolated(cloneA).exportPath(blocker.resolve("issues.jsonl")).build())) {
      Issue issue = tracker.create("kept");

      assertThatThrownBy(tracker::sync)
          .isInstanceOf(SyncException.class)
          .hasCauseInstanceOf(StorageException.class);
      assertThat(tracker.list()).containsExactly(issue);
      assertThat(GitRepos.commitCount(cloneA)).isZero();
    }
  }
}
