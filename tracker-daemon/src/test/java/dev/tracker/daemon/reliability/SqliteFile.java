package dev.tracker.daemon.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A database file opened with plain JDBC, as anyone would after a crash: no tracker code. */
final class SqliteFile {

  private SqliteFile() {}

  /** {@code PRAGMA integrity_check}: {@code ["ok"]} for a sound file, else what is wrong. */
  static List<String> integrityCheck(Path file) throws SQLException {
    return column(file, "pragma integrity_check");
  }

  /** Every issue's title. */
  static List<String> titles(Path file) throws SQLException {
    return column(file, "select title from issues");
  }

  static List<String> column(Path file, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
