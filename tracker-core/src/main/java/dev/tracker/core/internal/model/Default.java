package dev.tracker.core.internal.model;

import dev.tracker.core.IssueField;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The value a field takes when it is not given: by a builder ({@link Spec#defaultValue}) or by a
 * line that leaves it out ({@link Spec#absentValue}). Fields are resolved in the order of the
 * format, so a default may name an earlier field.
 *
 * @param <T> the type of the field's value
 */
@FunctionalInterface
public interface Default<T> {

  /**
   * The default.
   *
   * @param earlier the values of the fields before this one
   * @return the value, or {@code null} when the field has none and must be given
   */
  @Nullable T value(Values earlier);

  /** The same value every time. */
  static <T> Default<T> constant(T value) {
    Objects.requireNonNull(value, "value");
    return earlier -> value;
  }

  /** The time a line is read at; only a line has one. */
  static Default<Instant> timeOfReading() {
    return Values::timeOfReading;
  }

  /** The value of an earlier field. */
  static <T> Default<T> sameAs(IssueField<T> field) {
    return earlier -> earlier.get(field);
  }

  /** No default: the field must be given. */
  static <T> Default<T> none() {
    return earlier -> null;
  }

  /** The values of the fields resolved so far. */
  interface Values {
    /** The value of a field resolved earlier. */
    <T> T get(IssueField<T> field);

    /**
     * The time the line being read is read at.
     *
     * @throws IllegalStateException when no line is being read: a builder has no such time
     */
    default Instant timeOfReading() {
      throw new IllegalStateException("only a line being read has a time of reading");
    }
  }
}
