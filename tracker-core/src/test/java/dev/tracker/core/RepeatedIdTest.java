package dev.tracker.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that holds one id on several lines, as real beads histories do, is read by every path that
 * reads {@code issues.jsonl}: an import, the import when a workspace opens, the import before an
 * export, and a sync's merge of the base and both sides. The copy updated last is kept (the later
 * line when equal), a warning names the id, and every other line is read as before.
 */
class RepeatedIdTest {

  // the keys of beads' lines, not this library's: a line kept is written back as its text
  private static final String OLDER =
      "{\"id\":\"t-a\",\"title\":\"older\",\"created_at\":\"2025-01-01T00:00:00Z\","
          + "\"updated_at\":\"2025-01-02T00:00:00Z\"}";
  private static final String NEWER =
      "{\"id\":\"t-a\",\"title\":\"newer\",\"created_at\":\"2025-01-01T00:00:00Z\","
          + "\"updated_at\":\"2025-01-03T00:00:00Z\"}";
  private static final String OTHER =
      "{\"id\":\"t-b\",\"title\":\"other\",\"created_at\":\"2025-01-01T00:00:00Z\"}";

  @TempDir Path dir;

  @Test
  void a_file_with_a_repeated_id_imports_fully_and_the_log_says_which_line_was_kept()
      throws Exception {
    Path file = Files.writeString(dir.resolve("beads.jsonl"), lines(NEWER, OTHER, OLDER));

    try (TrackerService tracker = Workspaces.embedded(dir.resolve("ws"))) {
      ImportResult result;
      List<String> log;
      try (CapturedLog captured = CapturedLog.start()) {
        result = tracker.importJsonl(file);
        log = captured.lines();
      }

      assertThat(result.created()).isEqualTo(2);
      assertThat(tracker.get("t-a").title()).isEqualTo("newer");
      assertThat(tracker.get("t-b").title()).isEqualTo("other");
      assertThat(log)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains(" WARN ")
                      .endsWith(
                          file
                              + ": id \"t-a\" is on lines 1, 3; line 1 is kept (the latest"
                              + " updated_at), the others are ignored"));
      assertThat(Files.readString(tracker.exportJsonl().path(), UTF_8))
          .isEqualTo(lines(NEWER, OTHER));
    }
  }

  @Test
  void opening_a_workspace_whose_file_has_a_repeated_id_imports_it() throws Exception {
    Path workspace = dir.resolve("ws");
    TrackerConfig config = Workspaces.isolated(workspace).build();
    Files.createDirectories(config.exportPath().getParent());
    Files.writeString(config.exportPath(), lines(OLDER, OTHER, NEWER));

    try (TrackerService tracker = TrackerService.embedded(config)) {
      assertThat(tracker.list(IssueFilter.builder().build()))
          .extracting(Issue::id, Issue::title)
          .containsExactlyInAnyOrder(tuple("t-a", "newer"), tuple("t-b", "other"));
    }
  }

  @Test
  void an_export_over_a_changed_file_with_a_repeated_id_imports_it_then_writes_one_line_for_it()
      throws Exception {
    try (TrackerService tracker = Workspaces.embedded(dir.resolve("ws"))) {
      tracker.importJsonl(Files.writeString(dir.resolve("first.jsonl"), lines(OTHER)));
      Path file = tracker.exportJsonl().path();
      Files.writeString(file, lines(OLDER, OTHER, NEWER));

      tracker.exportJsonl();

      assertThat(tracker.get("t-a").title()).isEqualTo("newer");
      assertThat(Files.readString(file, UTF_8)).isEqualTo(lines(NEWER, OTHER));
    }
  }

  @Test
  void a_sync_merges_versions_of_the_file_that_repeat_an_id_in_the_base_and_on_the_remote()
      throws Exception {
    Path remote = GitRepos.bareRemote(dir.resolve("remote.git"));
    Path clone = GitRepos.cloneOf(remote, dir.resolve("a"));
    Path other = GitRepos.cloneOf(remote, dir.resolve("other"));
    String file = ".tracker/issues.jsonl";
    try (TrackerService tracker = TrackerService.embedded(Workspaces.isolated(clone).build())) {
      tracker.importJsonl(Files.writeString(dir.resolve("first.jsonl"), lines(OLDER, OTHER)));
      tracker.sync();
      // another tool leaves a second copy of t-a: the base of the merge below
      pull(other);
      GitRepos.commitFile(other, file, lines(OLDER, OTHER, NEWER), "a second copy of t-a");
      push(other);
      tracker.sync();
      assertThat(Files.readString(clone.resolve(file), UTF_8))
          .as("fast-forwarded to the remote's file")
          .isEqualTo(lines(OLDER, OTHER, NEWER));
      // both sides move on from there: the remote still with both copies
      String third = "{\"id\":\"t-c\",\"title\":\"from the remote\"}";
      GitRepos.commitFile(other, file, lines(OLDER, OTHER, NEWER, third), "t-c");
      push(other);
      tracker.update("t-b", IssueUpdate.builder().title("other, changed here").build());

      SyncResult merged = tracker.sync();

      assertThat(merged.pulled()).isTrue();
      assertThat(tracker.list(IssueFilter.builder().build()))
          .extracting(Issue::id, Issue::title)
          .containsExactlyInAnyOrder(
              tuple("t-a", "newer"),
              tuple("t-b", "other, changed here"),
              tuple("t-c", "from the remote"));
      assertThat(Files.readAllLines(clone.resolve(file), UTF_8))
          .filteredOn(line -> line.contains("\"t-a\""))
          .containsExactly(NEWER);
    }
  }

  private static void pull(Path repository) throws Exception {
    try (Git git = Git.open(repository.toFile())) {
      assertThat(git.pull().call().isSuccessful()).isTrue();
    }
  }

  private static void push(Path repository) throws Exception {
    try (Git git = Git.open(repository.toFile())) {
      for (PushResult result : git.push().call()) {
        assertThat(result.getRemoteUpdates())
            .extracting(RemoteRefUpdate::getStatus)
            .containsOnly(RemoteRefUpdate.Status.OK);
      }
    }
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}
