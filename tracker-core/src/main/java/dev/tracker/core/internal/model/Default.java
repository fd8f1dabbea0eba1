package dev.tracker.core.internal.model;

import dev.tracker.core.IssueField;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The value a field takes when a line leaves it out, or a builder does not set it. Fields are
 * resolved in the order of the format, so a default may name an earlier field.
 *
 * @param <T> the type of the field's value
 */
@FunctionalInterface
public interface Default<T> {

  /**
   * The default.
   *
   * @param earlier the values of the fields before this one
   * @param now the time of reading, or {@code null} when building an issue in code
   * @return the value, or {@code null} when the field has none and must be given
   */
  @Nullable T value(Values earlier, @Nullable Instant now);

  /** The same value every time. */
  static <T> Default<T> constant(T value) {
    Objects.requireNonNull(value, "value");
    return (earlier, now) -> value;
  }

  /** The time of reading; none when an issue is built in code. */
  static Default<Instant> now() {
    return (earlier, now) -> now;
  }

  /** The value of an earlier field. */
  static <T> Default<T> sameAs(IssueField<T> field) {
    return (earlier, now) -> earlier.get(field);
  }

  /** No default: the field must be given. */
  static <T> Default<T> none() {
    return (earlier, now) -> null;
  }

  /** The values of the fields resolved so far. */
  interface Values {
    /** The value of a field resolved earlier. */
    <T> T get(IssueField<T> field);
  }
}
