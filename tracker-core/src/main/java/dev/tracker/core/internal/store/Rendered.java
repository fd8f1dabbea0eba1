package dev.tracker.core.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * SQL rendered once, when a class initialises, for the statements every call runs (find an issue by
 * id, its row, an event): jOOQ renders a query each time it runs it, and for these small statements
 * rendering cost several times what SQLite does, most of a write's CPU time. Bind values go in at
 * {@code ?} in order; an instant is bound as the text {@link InstantConverter} stores.
 */
final class Rendered {

  static {
    // before the first statement this class renders, or starts rendering through its fields
    QuietJooq.apply();
  }

  // the dialect and settings of the engine's own context (Database)
  private static final DSLContext RENDERER =
      DSL.using(SQLDialect.SQLITE, new Settings().withRenderSchema(false));

  private static final InstantConverter INSTANTS = new InstantConverter();

  private Rendered() {}

  /** The SQL of a query, with {@code ?} for each bind value. */
  static String sql(QueryPart query) {
    return RENDERER.render(query);
  }

  /**
   * Runs a statement of {@link #sql} on the context's connection (the transaction's, inside one),
   * binding the values as they are stored; returns the update count.
   */
  static int execute(DSLContext dsl, String sql, @Nullable Object... values) {
    return dsl.connectionResult(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
          }
        });
  }

  /**
   * Runs a query of {@link #sql} on the context's connection and reads its rows as records of the
   * given fields, converted by their own bindings (nested collections included), attached to the
   * context.
   */
  static Result<Record> fetch(
      DSLContext dsl, String sql, List<Field<?>> fields, @Nullable Object... values) {
    Field<?>[] columns = fields.toArray(Field<?>[]::new);
    return dsl.connectionResult(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            try (ResultSet rows = statement.executeQuery()) {
              return dsl.fetch(rows, columns);
            }
          }
        });
  }

  /** The first column of the first row as a long; empty without a row or for NULL. */
  static OptionalLong fetchLong(DSLContext dsl, String sql, @Nullable Object... values) {
    return dsl.connectionResult(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            try (ResultSet rows = statement.executeQuery()) {
              if (!rows.next()) {
                return OptionalLong.empty();
              }
              long value = rows.getLong(1);
              return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
            }
          }
        });
  }

  private static void bind(PreparedStatement statement, @Nullable Object[] values)
      throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }

  /** A value as the database stores it in the column: converted by the column's converter. */
  static <T> @Nullable Object stored(Field<T> column, @Nullable Object value) {
    return storing(column).apply(value);
  }

  /**
   * How the column stores a value: as it is when the column converts nothing (the schema's
   * converters all change the type, {@link InstantConverter}), else through the converter, looked
   * up once. Converting every value of an import through jOOQ's wrappers, identity ones included,
   * was a fifth of its time.
   */
  static <T> Function<@Nullable Object, @Nullable Object> storing(Field<T> column) {
    Converter<?, T> converter = column.getConverter();
    if (converter.fromType() == converter.toType()) {
      return Function.identity();
    }
    Class<T> type = column.getType();
    return value -> converter.to(type.cast(value));
  }

  /**
   * How the column's value is read from what JDBC returns: through the converter, looked up once;
   * as it is when the column converts nothing. The inverse of {@link #storing}.
   */
  static <T> Function<@Nullable Object, @Nullable Object> loading(Field<T> column) {
    Converter<?, T> converter = column.getConverter();
    if (converter.fromType() == converter.toType()) {
      return Function.identity();
    }
    return value -> fromStored(converter, value);
  }

  private static <U, T> @Nullable T fromStored(Converter<U, T> converter, @Nullable Object value) {
    return converter.from(converter.fromType().cast(value));
  }

  /** An instant as the database stores it. */
  static @Nullable String stored(@Nullable Instant instant) {
    return INSTANTS.to(instant);
  }
}
