package dev.tracker.core.internal.store;

import static dev.tracker.core.internal.store.schema.Tables.ISSUES;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.internal.jsonl.IssueLine;
import dev.tracker.core.internal.model.Kind;
import dev.tracker.core.internal.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;

/**
 * The columns of the {@code issues} table: one per field that is not a list ({@link
 * Schema#columns()}), named by the field's key, then the extras. Every read and write of an issue's
 * row goes through these lists, so a new field needs only its column (a migration).
 */
final class IssueColumns {

  /** The fields that have a column, in the order of the format. */
  static final List<IssueField<?>> FIELDS = Schema.columns();

  /** Their columns, in the same order. */
  static final List<Field<?>> COLUMNS;

  /** The same, then the extras: what a row holds of an issue. */
  static final List<Field<?>> ROW;

  /** The same, then the line the issue was read from ({@link IssueLine#source()}). */
  static final List<Field<?>> ROW_WITH_SOURCE;

  /** The kind of each field of {@link #FIELDS}, in the same order. */
  private static final List<Kind<?>> KINDS =
      FIELDS.stream().<Kind<?>>map(field -> Schema.spec(field).kind()).toList();

  /** The column of each field by ordinal; {@code null} for a list. */
  private static final @Nullable Field<?>[] BY_ORDINAL = new Field<?>[Schema.fields().size()];

  static {
    List<Field<?>> columns = new ArrayList<>(FIELDS.size());
    for (IssueField<?> field : FIELDS) {
      Field<?> column = ISSUES.field(field.key());
      if (column == null) {
        throw new IllegalStateException(
            "the issues table has no column " + field.key() + "; add it with a migration");
      }
      columns.add(column);
      BY_ORDINAL[field.ordinal()] = column;
    }
    if (FIELDS.get(0) != IssueField.ID) {
      throw new IllegalStateException("the id must be the first column");
    }
    COLUMNS = List.copyOf(columns);
    List<Field<?>> row = new ArrayList<>(columns);
    row.add(ISSUES.EXTRA);
    ROW = List.copyOf(row);
    row.add(ISSUES.SOURCE);
    ROW_WITH_SOURCE = List.copyOf(row);
  }

  private IssueColumns() {}

  /** The column of a field that is not a list. */
  static Field<?> column(IssueField<?> field) {
    Field<?> column = BY_ORDINAL[field.ordinal()];
    if (column == null) {
      throw new IllegalArgumentException(field.key() + " has no column");
    }
    return column;
  }

  /**
   * An issue's row with its line: the values of {@link #ROW_WITH_SOURCE}, each as its column's Java
   * type holds it.
   */
  static @Nullable Object[] row(IssueLine line) {
    Issue issue = line.issue();
    @Nullable Object[] row = new Object[FIELDS.size() + 2];
    for (int i = 0; i < FIELDS.size(); i++) {
      row[i] = toColumn(KINDS.get(i), issue.get(FIELDS.get(i)));
    }
    row[FIELDS.size()] = Extras.toColumn(issue.extras());
    row[FIELDS.size() + 1] = line.source();
    return row;
  }

  /** A field's value as its column holds it. */
  static <T> @Nullable Object toColumn(IssueField<T> field, T value) {
    return Schema.spec(field).kind().toColumn(value);
  }

  @SuppressWarnings("unchecked")
  private static <T> @Nullable Object toColumn(Kind<T> kind, Object value) {
    return kind.toColumn((T) value);
  }

  /**
   * Starts an issue from the values of a row.
   *
   * @param row the value of each column of {@link #ROW}, as its Java type holds it (more values
   *     after those are not read)
   */
  static Issue.Builder fromRow(@Nullable Object[] row) {
    Issue.Builder builder = Issue.builder((String) Objects.requireNonNull(row[0], "id"));
    for (int i = 1; i < FIELDS.size(); i++) {
      set(builder, FIELDS.get(i), KINDS.get(i), row[i]);
    }
    Map<String, String> extras = Extras.fromColumn((String) row[FIELDS.size()]);
    return builder.extras(extras);
  }

  @SuppressWarnings("unchecked")
  private static <T> void set(
      Issue.Builder builder, IssueField<T> field, Kind<?> kind, @Nullable Object column) {
    builder.set(field, ((Kind<T>) kind).fromColumn(column));
  }
}
