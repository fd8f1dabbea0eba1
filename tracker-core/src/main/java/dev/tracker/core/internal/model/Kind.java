package dev.tracker.core.internal.model;

import dev.tracker.core.internal.jsonl.FieldReader;
import dev.tracker.core.internal.jsonl.JsonOut;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The kind of a field's value, and everything the layers do with one: read it from JSON, write it
 * as the format does, store it in a column, show it in the history. One instance per kind ({@link
 * Kinds}), shared by every field of that kind; no state, no reflection.
 *
 * @param <T> the type of the value
 */
public abstract class Kind<T> {

  /**
   * The value a line leaves out (empty text, no instant, no elements), or {@code null} when every
   * value of the kind is written.
   */
  public @Nullable T emptyValue() {
    return null;
  }

  /** Whether a line leaves the value out. */
  public final boolean isEmpty(T value) {
    return value.equals(emptyValue());
  }

  /**
   * Reads the value under {@code key}.
   *
   * @param line the values of the line's earlier fields (its id, its creation time)
   * @return the value, or {@code null} when the key is absent or {@code null}
   */
  public abstract @Nullable T read(FieldReader fields, String key, Default.Values line);

  /** Writes the value as the format does. */
  public abstract void write(JsonOut out, T value);

  /** The value as a JSON node: a param of the daemon's protocol. */
  public abstract JsonNode toNode(T value);

  /** The value in its one canonical form, which equal values share (lists sorted). */
  public T canonical(T value) {
    return value;
  }

  /** Whether the value has a column in {@code issues}; lists have tables of their own. */
  public boolean isColumn() {
    return true;
  }

  /**
   * The value as its column's Java type holds it (jOOQ's generated type: {@code String}, {@code
   * Integer}, {@code Instant}), {@code null} for SQL {@code NULL}.
   */
  public abstract @Nullable Object toColumn(T value);

  /** The value of a column, as {@link #toColumn} makes it. */
  public abstract T fromColumn(@Nullable Object column);

  /** The value as the history shows it: {@code ""} for an empty one. */
  public String show(T value) {
    return isEmpty(value) ? "" : Objects.toString(value);
  }
}
