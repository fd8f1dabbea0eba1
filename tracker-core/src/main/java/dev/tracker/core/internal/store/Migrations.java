package dev.tracker.core.internal.store;

import dev.tracker.core.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * Brings a database's schema up to date on open. The schema version is SQLite's {@code
 * user_version}; migration {@code n} is the n-th file of {@link #FILES}, and the code generator
 * reads the same files. A check of an up-to-date database is one pragma read, so opening stays in
 * the milliseconds (see docs/decisions).
 */
final class Migrations {

  /** The migration files, oldest first; the n-th brings the schema to version n. */
  static final List<String> FILES =
      List.of("V1__issues.sql", "V2__issue_source.sql", "V3__comment_ids.sql", "V4__file_base.sql");

  private static final String DIRECTORY = "migration/";

  private Migrations() {}

  static void apply(Database database) {
    database.write(
        dsl -> {
          int current = version(dsl);
          if (current > FILES.size()) {
            throw new StorageException(
                "The database "
                    + database.file()
                    + " has schema version "
                    + current
                    + ", newer than this tracker knows ("
                    + FILES.size()
                    + "); use a newer tracker or delete the file to rebuild it from issues.jsonl");
          }
          for (int version = current + 1; version <= FILES.size(); version++) {
            migrate(dsl, version);
          }
          return null;
        });
  }

  static int version(DSLContext dsl) {
    Integer version = dsl.fetchSingle("pragma user_version").get(0, Integer.class);
    return version == null ? 0 : version;
  }

  private static void migrate(DSLContext dsl, int version) {
    String file = FILES.get(version - 1);
    List<String> statements = statements(read(file));
    dsl.connection(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
              statement.execute(sql);
            }
            // pragmas take no parameters; version is an int we own
            statement.execute("pragma user_version = " + version);
          }
        });
  }

  private static String read(String file) {
    try (InputStream in = Migrations.class.getResourceAsStream(DIRECTORY + file)) {
      if (in == null) {
        throw new StorageException("Migration " + file + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException("Cannot read migration " + file, e);
    }
  }

  /** Splits a migration into statements: comment lines dropped, one statement per semicolon. */
  static List<String> statements(String script) {
    String withoutComments =
        script
            .lines()
            .filter(line -> !line.strip().startsWith("--"))
            .collect(Collectors.joining("\n"));
    return Arrays.stream(withoutComments.split(";"))
        .map(String::strip)
        .filter(statement -> !statement.isEmpty())
        .toList();
  }
}
