package dev.tracker.core.internal.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.internal.jsonl.IssueLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

  @TempDir Path workspace;

  @Test
  void every_migration_file_is_listed_in_order() throws IOException {
    Path directory = Path.of("src/main/resources/dev/tracker/core/internal/store/migration");
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(Migrations.FILES)
          .containsExactlyElementsOf(
              files
                  .map(file -> file.getFileName().toString())
                  .sorted(
                      (a, b) ->
                          Integer.compare(
                              Integer.parseInt(a.substring(1, a.indexOf("__"))),
                              Integer.parseInt(b.substring(1, b.indexOf("__")))))
                  .toList());
    }
  }

  @Test
  void a_new_database_gets_the_latest_schema() {
    try (Database database = Database.open(StoreTests.config(workspace))) {
      assertThat(database.read(Migrations::version)).isEqualTo(Migrations.FILES.size());
    }
  }

  @Test
  void the_next_comment_id_is_found_through_an_index_not_by_scanning_every_comment() {
    try (Database database = Database.open(StoreTests.config(workspace))) {
      String plan =
          database.read(
              dsl ->
                  dsl.fetch("explain query plan select max(id) from comments").stream()
                      .map(row -> row.get("detail", String.class))
                      .toList()
                      .toString());
      assertThat(plan).contains("comments_by_id").doesNotContain("SCAN comments");
    }
  }

  @Test
  void opening_again_keeps_the_schema_and_data() {
    TrackerConfig config = StoreTests.config(workspace);
    try (Database database = Database.open(config)) {
      database.write(
          dsl -> {
            Meta.put(dsl, "k", "v");
            return null;
          });
    }
    try (Database database = Database.open(config)) {
      Optional<String> value = database.read(dsl -> Meta.get(dsl, "k"));
      assertThat(value).hasValue("v");
    }
  }

  @Test
  void a_database_from_a_newer_tracker_is_refused() throws Exception {
    TrackerConfig config = StoreTests.config(workspace);
    Files.createDirectories(config.databasePath().getParent());
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + config.databasePath());
        Statement statement = connection.createStatement()) {
      statement.execute("pragma user_version = 99");
    }

    assertThatThrownBy(() -> Database.open(config))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("newer");
  }

  @Test
  void a_version_1_database_gets_the_line_column_and_keeps_its_issues() throws Exception {
    TrackerConfig config = StoreTests.config(workspace);
    Files.createDirectories(config.databasePath().getParent());
    String v1 =
        new String(
            Objects.requireNonNull(
                    Migrations.class.getResourceAsStream("migration/" + Migrations.FILES.get(0)))
                .readAllBytes(),
            UTF_8);
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + config.databasePath());
        Statement statement = connection.createStatement()) {
      for (String sql : Migrations.statements(v1)) {
        statement.execute(sql);
      }
      statement.execute(
          "INSERT INTO issues (id, title, status, priority, issue_type, created_at, updated_at)"
              + " VALUES ('tr-1', 'old', 'open', 1, 'bug', '2025-01-01T00:00:00.000000000Z',"
              + " '2025-01-01T00:00:00.000000000Z')");
      statement.execute("pragma user_version = 1");
    }

    try (Database database = Database.open(config)) {
      assertThat(database.read(Migrations::version)).isEqualTo(Migrations.FILES.size());
      List<IssueLine> lines = database.read(IssueLoader::all);
      assertThat(lines)
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.source()).isNull();
                assertThat(line.issue().title()).isEqualTo("old");
                assertThat(line.issue().priority()).isEqualTo(1);
              });
    }
  }

  @Test
  void statements_are_split_at_semicolons_without_comment_lines() {
    assertThat(Migrations.statements("-- a comment; with a semicolon\nCREATE TABLE a (x);\n\n;"))
        .containsExactly("CREATE TABLE a (x)");
  }
}
