package dev.tracker.core.internal.store;

import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.internal.jsonl.IssueLine;
import dev.tracker.core.internal.jsonl.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;

/**
 * Reads whole issues in bulk, for export and import: four flat queries (issues, labels,
 * dependencies, comments) on the transaction's connection, assembled in memory. Call it inside a
 * write, whose transaction makes the four statements one snapshot. {@link IssueQueries} nests the
 * collections per issue ({@code MULTISET} as JSON), which is right for a page of issues but made an
 * export of 100,000 spend seconds building and parsing JSON.
 */
final class IssueLoader {

  private static final String ISSUES =
      "SELECT "
          + IssueColumns.ROW_WITH_SOURCE.stream()
              .map(Field::getName)
              .collect(Collectors.joining(", "))
          + " FROM issues";

  /** How each column of a row is read: its converter's, looked up once. */
  private static final List<Function<@Nullable Object, @Nullable Object>> LOADING =
      IssueColumns.ROW_WITH_SOURCE.stream().map(Rendered::loading).toList();

  private static final String LABELS = "SELECT issue_id, label FROM labels";
  private static final String DEPENDENCIES =
      "SELECT issue_id, depends_on_id, type, created_at, created_by, extra FROM dependencies";
  private static final String COMMENTS =
      "SELECT issue_id, id, author, text, created_at, extra FROM comments";

  /** Ids per query when reading some issues: well below SQLite's limit of bound values. */
  private static final int IDS_PER_QUERY = 500;

  private IssueLoader() {}

  /** Every issue, tombstones included, with the line each was read from. */
  static List<IssueLine> all(DSLContext dsl) {
    return dsl.connectionResult(connection -> load(connection, null));
  }

  /** The issues with these ids that exist, with the line each was read from. */
  static List<IssueLine> byIds(DSLContext dsl, Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    return dsl.connectionResult(
        connection -> {
          List<IssueLine> issues = new ArrayList<>(all.size());
          for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            issues.addAll(
                load(connection, all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY))));
          }
          return issues;
        });
  }

  private static List<IssueLine> load(Connection connection, @Nullable List<String> ids)
      throws SQLException {
    Map<String, List<String>> labels = new HashMap<>();
    try (PreparedStatement query = prepare(connection, LABELS, "issue_id", ids);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        labels.computeIfAbsent(rows.getString(1), id -> new ArrayList<>(3)).add(rows.getString(2));
      }
    }
    Map<String, List<Dependency>> dependencies = new HashMap<>();
    try (PreparedStatement query = prepare(connection, DEPENDENCIES, "issue_id", ids);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        Dependency dependency =
            new Dependency(
                rows.getString(1),
                rows.getString(2),
                DependencyType.of(rows.getString(3)),
                instant(rows.getString(4)),
                rows.getString(5),
                Extras.fromColumn(rows.getString(6)));
        dependencies
            .computeIfAbsent(dependency.issueId(), id -> new ArrayList<>(2))
            .add(dependency);
      }
    }
    Map<String, List<Comment>> comments = new HashMap<>();
    try (PreparedStatement query = prepare(connection, COMMENTS, "issue_id", ids);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        Comment comment =
            new Comment(
                rows.getLong(2),
                rows.getString(1),
                rows.getString(3),
                rows.getString(4),
                instant(rows.getString(5)),
                Extras.fromColumn(rows.getString(6)));
        comments.computeIfAbsent(comment.issueId(), id -> new ArrayList<>(1)).add(comment);
      }
    }
    List<IssueLine> issues = new ArrayList<>();
    @Nullable Object[] row = new Object[LOADING.size()];
    try (PreparedStatement query = prepare(connection, ISSUES, "id", ids);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        for (int i = 0; i < row.length; i++) {
          row[i] = LOADING.get(i).apply(rows.getObject(i + 1));
        }
        String id = (String) Objects.requireNonNull(row[0]);
        Issue issue =
            IssueColumns.fromRow(row)
                .set(IssueField.LABELS, labels.getOrDefault(id, List.of()))
                .set(IssueField.DEPENDENCIES, dependencies.getOrDefault(id, List.of()))
                .set(IssueField.COMMENTS, comments.getOrDefault(id, List.of()))
                .build();
        issues.add(new IssueLine(issue, (String) row[row.length - 1]));
      }
    }
    return issues;
  }

  private static PreparedStatement prepare(
      Connection connection, String select, String idColumn, @Nullable List<String> ids)
      throws SQLException {
    if (ids == null) {
      return connection.prepareStatement(select);
    }
    StringBuilder sql =
        new StringBuilder(select).append(" WHERE ").append(idColumn).append(" IN (");
    for (int i = 0; i < ids.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    PreparedStatement query = connection.prepareStatement(sql.append(')').toString());
    for (int i = 0; i < ids.size(); i++) {
      query.setString(i + 1, ids.get(i));
    }
    return query;
  }

  private static Instant instant(String stored) {
    Instant fast = Timestamps.parseFast(stored);
    return fast != null ? fast : Instant.parse(stored);
  }
}
