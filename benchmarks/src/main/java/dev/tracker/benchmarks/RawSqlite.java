package dev.tracker.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The floors' database access: one plain sqlite-jdbc connection with the product's pragmas (WAL,
 * {@code foreign_keys=ON}, a 10 s busy timeout, {@code synchronous=FULL} unless told otherwise), no
 * pool, no jOOQ, no transaction it does not ask for.
 */
public final class RawSqlite {

  /** The product's schema, read from tracker-core's own migration file. */
  public static final String SCHEMA_RESOURCE =
      "/dev/tracker/core/internal/store/migration/V1__issues.sql";

  private RawSqlite() {}

  /** Opens a connection with the product's pragmas and {@code synchronous=FULL}. */
  public static Connection open(Path file) {
    return open(file, true);
  }

  /** Opens a connection with the product's pragmas; {@code full} false means NORMAL. */
  public static Connection open(Path file, boolean full) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    config.setSynchronous(
        full ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    try {
      return config.createConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open " + file, e);
    }
  }

  /** Creates the product's tables in an empty database. */
  public static void createSchema(Connection connection) {
    String sql;
    try (InputStream in = RawSqlite.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("No " + SCHEMA_RESOURCE + " on the class path");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // as Migrations does: comment lines dropped, then split at ';'
    StringBuilder code = new StringBuilder();
    for (String line : sql.split("\n", -1)) {
      if (!line.strip().startsWith("--")) {
        code.append(line).append('\n');
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String part : code.toString().split(";", -1)) {
        if (!part.isBlank()) {
          statement.execute(part);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the schema", e);
    }
  }

  /** Runs a query and returns every row as its columns' text: what a raw read costs. */
  public static List<String[]> rows(PreparedStatement query) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (ResultSet result = query.executeQuery()) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        String[] row = new String[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = result.getString(c + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
