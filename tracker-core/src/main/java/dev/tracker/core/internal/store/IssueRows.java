package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.COMMENTS;
import static dev.tracker.core.internal.store.schema.Tables.DEPENDENCIES;
import static dev.tracker.core.internal.store.schema.Tables.ISSUES;
import static dev.tracker.core.internal.store.schema.Tables.LABELS;
import static org.jooq.impl.DSL.max;

import dev.tracker.core.Comment;
import dev.tracker.core.ConflictException;
import dev.tracker.core.Dependency;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueNotFoundException;
import dev.tracker.core.Status;
import dev.tracker.core.internal.jsonl.IssueLine;
import dev.tracker.core.internal.store.schema.tables.records.CommentsRecord;
import dev.tracker.core.internal.store.schema.tables.records.DependenciesRecord;
import dev.tracker.core.internal.store.schema.tables.records.IssuesRecord;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** Writes whole issues, with their labels, dependencies and comments, as rows. */
final class IssueRows {

  /** SQLite allows 32766 bound values per statement; stay well below it. */
  static final int IDS_PER_STATEMENT = 500;

  // every change reads the row it changes: rendered once (Rendered)
  private static final List<Field<?>> ROW_FIELDS = List.of(ISSUES.fields());
  private static final String ROW =
      Rendered.sql(DSL.selectFrom(ISSUES).where(ISSUES.ID.eq(DSL.param("id", String.class))));

  // the INSERT of each table and column list, rendered once
  private static final Map<List<Field<?>>, String> INSERTS = new ConcurrentHashMap<>();

  private IssueRows() {}

  private static final List<Field<?>> LABEL_COLUMNS = List.of(LABELS.ISSUE_ID, LABELS.LABEL);
  private static final List<Field<?>> DEPENDENCY_COLUMNS =
      List.of(
          DEPENDENCIES.ISSUE_ID,
          DEPENDENCIES.DEPENDS_ON_ID,
          DEPENDENCIES.TYPE,
          DEPENDENCIES.CREATED_AT,
          DEPENDENCIES.CREATED_BY,
          DEPENDENCIES.EXTRA);
  private static final List<Field<?>> COMMENT_COLUMNS =
      List.of(
          COMMENTS.ISSUE_ID,
          COMMENTS.ID,
          COMMENTS.AUTHOR,
          COMMENTS.TEXT,
          COMMENTS.CREATED_AT,
          COMMENTS.EXTRA);

  /**
   * Inserts the issues, with their lines as read, and everything they carry: one statement per
   * table, rendered once and run as a batch ({@link #insert}).
   */
  static void insertAll(DSLContext dsl, Collection<IssueLine> lines) {
    List<@Nullable Object[]> issueRows = new ArrayList<>(lines.size());
    List<@Nullable Object[]> labels = new ArrayList<>();
    List<@Nullable Object[]> dependencies = new ArrayList<>();
    List<@Nullable Object[]> comments = new ArrayList<>();
    for (IssueLine line : lines) {
      Issue issue = line.issue();
      issueRows.add(IssueColumns.row(line));
      for (String label : issue.labels()) {
        labels.add(new @Nullable Object[] {issue.id(), label});
      }
      for (Dependency dependency : issue.dependencies()) {
        dependencies.add(
            new @Nullable Object[] {
              dependency.issueId(),
              dependency.dependsOnId(),
              dependency.type().value(),
              dependency.createdAt(),
              dependency.createdBy(),
              Extras.toColumn(dependency.extras())
            });
      }
      for (Comment comment : issue.comments()) {
        comments.add(
            new @Nullable Object[] {
              comment.issueId(),
              comment.id(),
              comment.author(),
              comment.text(),
              comment.createdAt(),
              Extras.toColumn(comment.extras())
            });
      }
    }
    insert(dsl, ISSUES, IssueColumns.ROW_WITH_SOURCE, issueRows);
    insert(dsl, LABELS, LABEL_COLUMNS, labels);
    insert(dsl, DEPENDENCIES, DEPENDENCY_COLUMNS, dependencies);
    insert(dsl, COMMENTS, COMMENT_COLUMNS, comments);
  }

  /**
   * Inserts rows, each its values in the order of {@code columns}, with one {@code INSERT}:
   * rendered once by jOOQ, then run on the transaction's connection as a JDBC batch, each value
   * converted by its column's converter. jOOQ's {@code batchInsert(records)} renders a statement
   * per record, and its bound batches bind each value through its own machinery: either made an
   * import of 10,000 issues spend most of its time in jOOQ rather than in SQLite.
   */
  static void insert(
      DSLContext dsl, Table<?> table, List<Field<?>> columns, List<@Nullable Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    String sql =
        INSERTS.computeIfAbsent(
            columns,
            key -> {
              List<Param<?>> parameters = new ArrayList<>(key.size());
              for (Field<?> column : key) {
                parameters.add(DSL.param(column));
              }
              return Rendered.sql(DSL.insertInto(table).columns(key).values(parameters));
            });
    List<Function<@Nullable Object, @Nullable Object>> storing = new ArrayList<>(columns.size());
    for (Field<?> column : columns) {
      storing.add(Rendered.storing(column));
    }
    dsl.connection(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (@Nullable Object[] row : rows) {
              for (int i = 0; i < row.length; i++) {
                statement.setObject(i + 1, storing.get(i).apply(row[i]));
              }
              statement.addBatch();
            }
            statement.executeBatch();
          }
        });
  }

  // an import that finds an issue unchanged but its line written otherwise keeps the new text
  private static final String SET_SOURCE =
      Rendered.sql(
          DSL.update(ISSUES)
              .set(ISSUES.SOURCE, DSL.param(ISSUES.SOURCE))
              .where(ISSUES.ID.eq(DSL.param("id", String.class))));

  /** Sets the line each issue was read from, as one batch. */
  static void setSources(DSLContext dsl, Collection<IssueLine> lines) {
    if (lines.isEmpty()) {
      return;
    }
    dsl.connection(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(SET_SOURCE)) {
            for (IssueLine line : lines) {
              statement.setString(1, line.source());
              statement.setString(2, line.id());
              statement.addBatch();
            }
            statement.executeBatch();
          }
        });
  }

  /** Deletes the issues; their labels, dependencies and comments go with them. */
  static void deleteAll(DSLContext dsl, Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += IDS_PER_STATEMENT) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_STATEMENT));
      dsl.deleteFrom(ISSUES).where(ISSUES.ID.in(chunk)).execute();
    }
  }

  static DependenciesRecord dependencyRow(Dependency dependency) {
    return new DependenciesRecord(
        dependency.issueId(),
        dependency.dependsOnId(),
        dependency.type().value(),
        dependency.createdAt(),
        dependency.createdBy(),
        Extras.toColumn(dependency.extras()));
  }

  static CommentsRecord commentRow(Comment comment) {
    return new CommentsRecord(
        comment.issueId(),
        comment.id(),
        comment.author(),
        comment.text(),
        comment.createdAt(),
        Extras.toColumn(comment.extras()));
  }

  /** The number the next comment gets: one more than any comment so far. */
  static long nextCommentId(DSLContext dsl) {
    Long max = dsl.select(max(COMMENTS.ID)).from(COMMENTS).fetchOne(0, Long.class);
    return max == null ? 1 : max + 1;
  }

  /**
   * The row of an issue that may be changed.
   *
   * @throws IssueNotFoundException if there is no such issue
   * @throws ConflictException if the issue is a tombstone
   */
  static IssuesRecord fetchLive(DSLContext dsl, String id) {
    IssuesRecord row = fetch(dsl, id);
    if (isTombstone(row)) {
      throw new ConflictException("Issue " + id + " is deleted; it cannot be changed");
    }
    return row;
  }

  /**
   * The row of an issue, tombstone or not.
   *
   * @throws IssueNotFoundException if there is no such issue
   */
  static IssuesRecord fetch(DSLContext dsl, String id) {
    Result<Record> rows = Rendered.fetch(dsl, ROW, ROW_FIELDS, id);
    if (rows.isEmpty()) {
      throw new IssueNotFoundException(id);
    }
    IssuesRecord row = rows.get(0).into(ISSUES);
    // as fetched: nothing changed yet, and the originals are these values
    row.changed(false);
    return row;
  }

  static boolean isTombstone(IssuesRecord row) {
    return row.getDeletedAt() != null || row.getStatus().equals(Status.TOMBSTONE.value());
  }

  static boolean hasDependency(DSLContext dsl, Dependency dependency) {
    return dsl.fetchExists(
        DEPENDENCIES,
        DEPENDENCIES.ISSUE_ID.eq(dependency.issueId()),
        DEPENDENCIES.DEPENDS_ON_ID.eq(dependency.dependsOnId()),
        DEPENDENCIES.TYPE.eq(dependency.type().value()));
  }

  static boolean hasLabel(DSLContext dsl, String issueId, String label) {
    return dsl.fetchExists(LABELS, LABELS.ISSUE_ID.eq(issueId), LABELS.LABEL.eq(label));
  }
}
