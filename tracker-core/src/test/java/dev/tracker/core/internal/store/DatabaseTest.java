package dev.tracker.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @TempDir Path workspace;

  private static Object pragma(Database database, String name) {
    return database.read((DSLContext dsl) -> dsl.fetchValue("pragma " + name));
  }

  @Test
  void connections_use_wal_foreign_keys_a_busy_timeout_and_full_sync() {
    try (Database database = Database.open(StoreTests.config(workspace))) {
      assertThat(pragma(database, "journal_mode")).hasToString("wal");
      assertThat(pragma(database, "foreign_keys")).hasToString("1");
      assertThat(pragma(database, "busy_timeout"))
          .hasToString(Integer.toString(Database.BUSY_TIMEOUT_MILLIS));
      assertThat(pragma(database, "synchronous")).hasToString("2"); // FULL
    }
  }

  @Test
  void synchronous_normal_can_be_chosen() {
    TrackerConfig config =
        TrackerConfig.builder(workspace)
            .readConfigFile(false)
            .environment(Map.of())
            .synchronous(TrackerConfig.Synchronous.NORMAL)
            .build();
    try (Database database = Database.open(config)) {
      assertThat(pragma(database, "synchronous")).hasToString("1"); // NORMAL
    }
  }

  @Test
  void the_first_use_writes_a_gitignore_for_local_files() throws Exception {
    TrackerConfig config = StoreTests.config(workspace);
    try (LocalBackend backend = new LocalBackend(config)) {
      backend.stats();
    }

    assertThat(config.trackerDirectory().resolve(".gitignore"))
        .content()
        .contains("*.db", "*.db-*", "daemon.*");
  }

  @Test
  void an_existing_gitignore_is_left_alone() throws Exception {
    TrackerConfig config = StoreTests.config(workspace);
    Path gitignore = config.trackerDirectory().resolve(".gitignore");
    Files.createDirectories(gitignore.getParent());
    Files.writeString(gitignore, "mine\n");
    try (LocalBackend backend = new LocalBackend(config)) {
      backend.stats();
    }

    assertThat(gitignore).hasContent("mine");
  }

  @Test
  void a_failure_names_the_databases_own_words_not_jooqs_wrapper() {
    SQLException busy =
        new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)");
    DataAccessException wrapped =
        new DataAccessException(
            "Error while running ConnectionCallable", new DataAccessException("SQL [..]", busy));

    assertThat(Database.reason(wrapped))
        .isEqualTo("[SQLITE_BUSY] The database file is locked (database is locked)");
    assertThat(Database.reason(new DataAccessException("no SQL cause"))).isEqualTo("no SQL cause");
  }
}
