package dev.tracker.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlExchangeTest {

  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));

  @TempDir Path workspace;

  @Test
  void export_writes_one_sorted_line_per_issue_tombstones_included() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      Issue a = tracker.create("a");
      Issue b = tracker.create("b");
      tracker.delete(b.id(), "gone");

      ExportResult result = tracker.exportJsonl();

      assertThat(result.changed()).isTrue();
      assertThat(result.issues()).isEqualTo(2);
      List<String> lines = Files.readAllLines(result.path(), UTF_8);
      assertThat(lines).hasSize(2).isSorted();
      assertThat(String.join("\n", lines)).contains(a.id()).contains("\"status\":\"tombstone\"");
    }
  }

  @Test
  void an_export_with_nothing_changed_leaves_the_file_untouched() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      tracker.create("a");
      Path file = tracker.exportJsonl().path();
      Files.setLastModifiedTime(file, LONG_AGO);

      ExportResult again = tracker.exportJsonl();

      assertThat(again.changed()).isFalse();
      assertThat(Files.getLastModifiedTime(file)).isEqualTo(LONG_AGO);
    }
  }

  @Test
  void an_export_after_changes_writes_what_a_whole_export_writes() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      Issue a = tracker.create("a");
      Issue b = tracker.create("b");
      tracker.exportJsonl();
      tracker.update(a.id(), IssueUpdate.builder().title("a, renamed").build());
      tracker.addLabel(b.id(), "later");
      tracker.create("c");

      ExportResult changed = tracker.exportJsonl();

      assertThat(changed.changed()).isTrue();
      assertThat(changed.issues()).isEqualTo(3);
      assertThat(Files.readString(changed.path())).contains("a, renamed").contains("later");
    }
    // a new service remembers nothing and encodes every issue again: the same bytes
    try (TrackerService fresh = Workspaces.embedded(workspace)) {
      assertThat(fresh.exportJsonl().changed()).isFalse();
    }
  }

  @Test
  void an_export_writes_what_another_service_changed_since_its_last_export() throws Exception {
    try (TrackerService first = Workspaces.embedded(workspace);
        TrackerService second = Workspaces.embedded(workspace)) {
      Issue issue = first.create("mine");
      Path file = first.exportJsonl().path();
      second.update(issue.id(), IssueUpdate.builder().title("changed by another").build());

      ExportResult result = first.exportJsonl();

      assertThat(result.changed()).isTrue();
      assertThat(Files.readString(file)).contains("changed by another");
      assertThat(first.exportJsonl().changed()).isFalse();
    }
  }

  @Test
  void a_malformed_line_aborts_the_import_names_the_line_and_changes_nothing() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      tracker.create("kept");
      List<Issue> before = tracker.list();
      Path file = workspace.resolve("incoming.jsonl");
      Files.writeString(
          file,
          """
          {"id":"x-1","title":"fine","created_at":"2025-01-01T00:00:00Z"}
          {"id":"x-2","title":"also fine","created_at":"2025-01-01T00:00:00Z"}
          {"id":"x-3","title":"broken","priority":"high"}
          """);

      assertThatThrownBy(() -> tracker.importJsonl(file))
          .isInstanceOfSatisfying(
              JsonlFormatException.class, e -> assertThat(e.line()).isEqualTo(3))
          .hasMessageStartingWith("incoming.jsonl:3: ")
          .hasMessageContaining("priority");
      assertThat(tracker.list()).isEqualTo(before);
    }
  }

  @Test
  void import_creates_new_issues_and_replaces_older_ones() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      Path file = workspace.resolve("incoming.jsonl");
      Files.writeString(
          file,
          """
          {"id":"x-1","title":"first","created_at":"2025-01-01T00:00:00Z"}
          """);
      assertThat(tracker.importJsonl(file).created()).isEqualTo(1);

      Files.writeString(
          file,
          """
          {"id":"x-1","title":"renamed","created_at":"2025-01-01T00:00:00Z","updated_at":"2025-02-01T00:00:00Z"}
          {"id":"x-2","title":"second","created_at":"2025-01-01T00:00:00Z"}
          """);
      ImportResult result = tracker.importJsonl(file);

      assertThat(result)
          .extracting(ImportResult::read, ImportResult::created, ImportResult::updated)
          .containsExactly(2, 1, 1);
      assertThat(tracker.get("x-1").title()).isEqualTo("renamed");
      assertThat(tracker.importJsonl(file).unchanged()).isEqualTo(2);
    }
  }

  @Test
  void import_keeps_a_local_edit_newer_than_the_file() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      Path file = workspace.resolve("incoming.jsonl");
      Files.writeString(
          file,
          """
          {"id":"x-1","title":"from file","created_at":"2025-01-01T00:00:00Z"}
          """);
      tracker.importJsonl(file);
      tracker.update("x-1", IssueUpdate.builder().title("edited here").build());

      ImportResult result = tracker.importJsonl(file);

      assertThat(result.skipped()).isEqualTo(1);
      assertThat(tracker.get("x-1").title()).isEqualTo("edited here");
    }
  }

  @Test
  void opening_imports_the_file_when_it_changed_since_the_last_export() throws Exception {
    Path file;
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      tracker.create("mine");
      file = tracker.exportJsonl().path();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file, UTF_8));
    lines.add("{\"id\":\"zz-1\",\"title\":\"pulled\",\"created_at\":\"2025-01-01T00:00:00Z\"}");
    Files.write(file, lines, UTF_8);

    try (TrackerService reopened = Workspaces.embedded(workspace)) {
      assertThat(reopened.list()).extracting(Issue::title).contains("mine", "pulled");
      assertThat(reopened.history("zz-1"))
          .extracting(Event::type)
          .containsExactly(Event.Type.IMPORTED);
    }
  }

  @Test
  void opening_does_not_import_a_file_it_wrote_itself() {
    Issue mine;
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      mine = tracker.create("mine");
      tracker.exportJsonl();
    }

    try (TrackerService reopened = Workspaces.embedded(workspace)) {
      assertThat(reopened.history(mine.id()))
          .extracting(Event::type)
          .containsExactly(Event.Type.CREATED);
    }
  }

  @Test
  void a_lost_database_is_rebuilt_from_the_file() throws Exception {
    List<Issue> before;
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      Issue a = tracker.create("a");
      Issue b = tracker.create("b");
      tracker.addDependency(b.id(), a.id(), DependencyType.BLOCKS);
      tracker.addComment(a.id(), "hello");
      tracker.exportJsonl();
      before = tracker.list();
      Files.delete(tracker.config().databasePath());
    }

    try (TrackerService rebuilt = Workspaces.embedded(workspace)) {
      assertThat(rebuilt.list()).isEqualTo(before);
    }
  }

  @Test
  void export_first_merges_a_file_changed_underneath() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      tracker.create("mine");
      Path file = tracker.exportJsonl().path();
      Files.writeString(
          file,
          "{\"id\":\"zz-1\",\"title\":\"pulled\",\"created_at\":\"2025-01-01T00:00:00Z\"}\n",
          java.nio.file.StandardOpenOption.APPEND);

      tracker.exportJsonl();

      assertThat(tracker.list()).extracting(Issue::title).contains("mine", "pulled");
      assertThat(Files.readString(file)).contains("\"pulled\"").contains("\"mine\"");
    }
  }

  @Test
  void export_refuses_to_overwrite_a_file_it_cannot_read() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      tracker.create("mine");
      Path file = tracker.exportJsonl().path();
      String conflicted = "<<<<<<< HEAD\n" + Files.readString(file) + ">>>>>>> theirs\n";
      Files.writeString(file, conflicted);

      assertThatThrownBy(tracker::exportJsonl)
          .isInstanceOf(JsonlFormatException.class)
          .hasMessageStartingWith("issues.jsonl:1: ");
      assertThat(Files.readString(file)).isEqualTo(conflicted);
    }
  }

  @Test
  void a_changed_workspace_file_is_applied_though_its_copy_is_older_than_the_stored_one()
      throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      Issue issue = tracker.create("first title");
      Path file = tracker.exportJsonl().path();
      byte[] before = Files.readAllBytes(file);
      tracker.update(issue.id(), IssueUpdate.builder().title("second title").build());
      tracker.exportJsonl();
      Files.write(file, before); // what a revert of the last commit does to the file

      ImportResult result = tracker.importJsonl(file);

      assertThat(result.updated()).isEqualTo(1);
      assertThat(result.skipped()).isZero();
      assertThat(tracker.get(issue.id()).title()).isEqualTo("first title");
    }
  }

  @Test
  void a_change_made_here_since_the_file_was_written_is_kept_beside_the_files_change()
      throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      Issue issue = tracker.create("title");
      Path file = tracker.exportJsonl().path();
      // the file gains notes, from a clone whose clock is behind; here the title changes, later
      String changed =
          Files.readString(file)
              .replace("\"title\":\"title\"", "\"title\":\"title\",\"notes\":\"from the file\"");
      tracker.update(issue.id(), IssueUpdate.builder().title("changed here").build());
      Files.writeString(file, changed);

      ImportResult result = tracker.importJsonl(file);

      assertThat(result.updated()).isEqualTo(1);
      Issue merged = tracker.get(issue.id());
      assertThat(merged.title()).isEqualTo("changed here");
      assertThat(merged.notes()).isEqualTo("from the file");
    }
  }

  @Test
  void an_issue_dropped_from_the_file_is_removed_unless_it_changed_here_since() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      Issue untouched = tracker.create("untouched here");
      Issue edited = tracker.create("edited here");
      Issue stays = tracker.create("stays");
      Path file = tracker.exportJsonl().path();
      tracker.update(edited.id(), IssueUpdate.builder().title("edited here, again").build());
      List<String> kept =
          Files.readAllLines(file, UTF_8).stream()
              .filter(line -> line.contains(stays.id()))
              .toList();
      Files.write(file, kept, UTF_8);

      ImportResult result = tracker.importJsonl(file);

      assertThat(result.removed()).isEqualTo(1);
      assertThat(tracker.list(IssueFilter.all()))
          .extracting(Issue::id)
          .containsExactlyInAnyOrder(edited.id(), stays.id());
      assertThat(tracker.exportJsonl().path())
          .content()
          .contains(edited.id())
          .doesNotContain(untouched.id());
    }
  }

  @Test
  void another_file_is_still_imported_by_time() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      tracker.create("keeps the base");
      tracker.exportJsonl();
      Path other = workspace.resolve("other.jsonl");
      Files.writeString(
          other,
          """
          {"id":"x-1","title":"old","created_at":"2025-01-01T00:00:00Z"}
          """);
      tracker.importJsonl(other);
      tracker.update("x-1", IssueUpdate.builder().title("newer here").build());

      ImportResult again = tracker.importJsonl(other);

      assertThat(again.skipped()).isEqualTo(1);
      assertThat(tracker.get("x-1").title()).isEqualTo("newer here");
    }
  }

  @Test
  void an_import_checks_statuses_and_priorities_as_a_create_does_and_imports_nothing_else()
      throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      Path status = workspace.resolve("status.jsonl");
      Files.writeString(
          status,
          """
          {"id":"x-1","title":"fine","created_at":"2025-01-01T00:00:00Z"}
          {"id":"x-2","title":"odd","status":"clsoed","created_at":"2025-01-01T00:00:00Z"}
          """);
      Path priority = workspace.resolve("priority.jsonl");
      Files.writeString(
          priority,
          """
          {"id":"x-3","title":"loud","priority":99,"created_at":"2025-01-01T00:00:00Z"}
          """);

      assertThatThrownBy(() -> tracker.importJsonl(status))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("status.jsonl: issue x-2")
          .hasMessageContaining("'clsoed' is not a status of this workspace");
      assertThatThrownBy(() -> tracker.importJsonl(priority))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining(
              "priority.jsonl: issue x-3: priority must be between 0 and 4, was 99");
      assertThat(tracker.list(IssueFilter.all())).isEmpty();
    }
  }
}
