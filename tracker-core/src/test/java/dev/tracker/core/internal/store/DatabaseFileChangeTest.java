package dev.tracker.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database file deleted or replaced under an open engine is never used again: the call that finds
 * it fails naming the file, nothing is acknowledged into it, the path is opened afresh and what the
 * old file held is carried over.
 */
class DatabaseFileChangeTest {

  @TempDir Path workspace;
  @TempDir Path elsewhere;

  private TrackerConfig config() {
    return StoreTests.config(workspace);
  }

  @Test
  void a_deleted_file_fails_the_call_that_finds_it_and_the_next_call_uses_a_new_file()
      throws Exception {
    try (LocalBackend backend = new LocalBackend(config())) {
      Issue kept = backend.create(NewIssue.of("made before the deletion"));
      Path file = config().databasePath();

      Files.delete(file);

      assertThatThrownBy(() -> backend.list(IssueFilter.all()))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("The database file " + file + " was deleted while it was open")
          .hasMessageContaining("carried over 1 issues");
      // (the new file may have the old one's inode: the old one is closed and freed by now)
      assertThat(backend.list(IssueFilter.all())).extracting(Issue::id).containsExactly(kept.id());
      Issue after = backend.create(NewIssue.of("made after"));
      assertThat(titlesIn(file)).contains(kept.title(), after.title());
    }
  }

  @Test
  void a_write_after_the_deletion_is_refused_not_acknowledged_into_the_deleted_file()
      throws Exception {
    try (LocalBackend backend = new LocalBackend(config())) {
      backend.create(NewIssue.of("first"));
      Path file = config().databasePath();

      Files.delete(file);

      assertThatThrownBy(() -> backend.create(NewIssue.of("refused")))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(file + " was deleted while it was open: refusing to write it");
      assertThat(backend.list(IssueFilter.all())).extracting(Issue::title).containsExactly("first");
      assertThat(titlesIn(file)).containsExactly("first");
    }
  }

  @Test
  void a_file_moved_over_the_path_is_found_and_both_files_issues_are_kept() throws Exception {
    TrackerConfig other = StoreTests.config(elsewhere);
    try (LocalBackend backend = new LocalBackend(other)) {
      backend.create(NewIssue.of("from the other file"));
    }
    try (LocalBackend backend = new LocalBackend(config())) {
      backend.create(NewIssue.of("from the open file"));
      Path file = config().databasePath();

      Files.move(other.databasePath(), file, StandardCopyOption.REPLACE_EXISTING);

      assertThatThrownBy(backend::stats)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(file + " was replaced by another file while it was open");
      assertThat(backend.list(IssueFilter.all()))
          .extracting(Issue::title)
          .containsExactlyInAnyOrder("from the other file", "from the open file");
    }
  }

  @Test
  void the_first_export_after_a_deleted_file_writes_the_changes_the_old_file_had_not_exported()
      throws Exception {
    try (LocalBackend backend = new LocalBackend(config())) {
      Issue busy = backend.create(NewIssue.of("busy"));
      Issue late = backend.create(NewIssue.of("late"));
      for (int i = 0; i < 20; i++) {
        // events the new file will not have: its event ids start again from 1
        backend.update(busy.id(), IssueUpdate.builder().title("busy " + i).build());
      }
      backend.exportJsonl();
      backend.update(late.id(), IssueUpdate.builder().title("late, changed").build());

      Files.delete(config().databasePath());
      assertThatThrownBy(backend::stats).isInstanceOf(StorageException.class);
      backend.exportJsonl();

      assertThat(Files.readString(config().exportPath())).contains("late, changed");
    }
  }

  @Test
  void an_untouched_file_costs_no_reopening() {
    try (LocalBackend backend = new LocalBackend(config())) {
      backend.create(NewIssue.of("one"));
      Database engine = (Database) backend.pool().orElseThrow();

      backend.create(NewIssue.of("two"));
      backend.list(IssueFilter.all());

      assertThat(backend.pool()).containsSame(engine);
      assertThat(engine.fileChange()).isEmpty();
    }
  }

  private static List<String> titlesIn(Path file) throws Exception {
    List<String> titles = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select title from issues order by title")) {
      while (rows.next()) {
        titles.add(rows.getString(1));
      }
    }
    return titles;
  }
}
