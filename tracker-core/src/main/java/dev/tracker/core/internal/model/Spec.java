package dev.tracker.core.internal.model;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Everything about one field besides its key and type: the kind of its value, its default (in code,
 * and when a line leaves it out), whether and how a caller may set it, how the merge treats it, and
 * an older key it may be read under. Built once per field by {@link dev.tracker.core.IssueField}.
 *
 * @param <T> the type of the field's value
 */
public final class Spec<T> {

  private final String key;
  private final Kind<T> kind;
  private final Default<T> defaultValue;
  private final Default<T> absentValue;
  private final boolean required;
  private final @Nullable UnaryOperator<T> check;
  private final boolean settableOnUpdate;
  private final Merge merge;
  private final @Nullable String alias;

  private Spec(Builder<T> builder, String key) {
    this.key = key;
    this.kind = builder.kind;
    this.defaultValue = builder.defaultValue;
    this.absentValue = builder.absentValue == null ? builder.defaultValue : builder.absentValue;
    this.required = builder.required;
    this.check = builder.check;
    this.settableOnUpdate = builder.settableOnUpdate;
    this.merge = Objects.requireNonNull(builder.merge, () -> key + ": no merge rule");
    this.alias = builder.alias;
  }

  /** Starts the description of a field whose values are of this kind. */
  public static <T> Builder<T> builder(Kind<T> kind) {
    return new Builder<>(kind);
  }

  /** The field's key in a line, on the wire and (for a column kind) in the {@code issues} table. */
  public String key() {
    return key;
  }

  /** The kind of the field's value: how it is read, written, stored and compared. */
  public Kind<T> kind() {
    return kind;
  }

  /**
   * The field's value when a builder does not set it: an issue or a new issue made in code.
   *
   * @return the default, or {@code null} when the field must be given
   */
  public @Nullable T defaultValue(Default.Values earlier) {
    return defaultValue.value(earlier);
  }

  /**
   * The field's value when a line leaves it out (or holds {@code null}): what beads, whose Go
   * writer leaves zero values out, means by its absence. The {@link #defaultValue} unless the field
   * says otherwise.
   *
   * @param line the values of the line's earlier fields, and its time of reading
   * @return the value, or {@code null} when a line must have the field
   */
  public @Nullable T absentValue(Default.Values line) {
    return absentValue.value(line);
  }

  /** Whether a line must have the field, and so always gets it written even when empty. */
  public boolean required() {
    return required;
  }

  /** Whether a {@link dev.tracker.core.NewIssue} may set the field. */
  public boolean settableOnCreate() {
    return check != null;
  }

  /** Whether an {@link dev.tracker.core.IssueUpdate} may change the field. */
  public boolean settableOnUpdate() {
    return settableOnUpdate;
  }

  /**
   * Checks a value a caller sets and returns it in its stored form (labels sorted, for example).
   *
   * @throws dev.tracker.core.ValidationException naming the field when the value is not valid
   * @throws IllegalArgumentException when callers may not set the field
   */
  public T check(T value) {
    if (check == null) {
      throw new IllegalArgumentException(key + " is not a field a caller sets");
    }
    return check.apply(value);
  }

  /** How a merge of two versions changed on both sides treats the field. */
  public Merge merge() {
    return merge;
  }

  /**
   * Another key a line may carry the field under when it lacks {@link #key()}; beads' older one.
   */
  public @Nullable String alias() {
    return alias;
  }

  /** Describes one field; {@link #build} is called by the field itself, with its key. */
  public static final class Builder<T> {
    private final Kind<T> kind;
    private Default<T> defaultValue;
    private @Nullable Default<T> absentValue;
    private boolean required;
    private @Nullable UnaryOperator<T> check;
    private boolean settableOnUpdate;
    private @Nullable Merge merge;
    private @Nullable String alias;

    private Builder(Kind<T> kind) {
      this.kind = kind;
      this.defaultValue = kind.emptyValue() == null ? Default.none() : emptyDefault(kind);
    }

    private static <T> Default<T> emptyDefault(Kind<T> kind) {
      return Default.constant(Objects.requireNonNull(kind.emptyValue()));
    }

    /** The value when not given; the kind's empty value unless set. */
    public Builder<T> defaultValue(Default<T> value) {
      this.defaultValue = value;
      return this;
    }

    /**
     * The value when a line leaves the field out, where it differs from what a builder gets: beads
     * leaves a zero priority out, where an issue made in code starts at another priority.
     */
    public Builder<T> whenAbsent(Default<T> value) {
      this.absentValue = value;
      return this;
    }

    /** A line must have the field; it has no default. */
    public Builder<T> required() {
      this.required = true;
      this.defaultValue = Default.none();
      this.absentValue = null;
      return this;
    }

    /** Callers may set the field on create and change it on update, checked by {@code check}. */
    public Builder<T> settable(UnaryOperator<T> check) {
      this.check = check;
      this.settableOnUpdate = true;
      return this;
    }

    /** Callers may set the field on create only, checked by {@code check}. */
    public Builder<T> settableOnCreate(UnaryOperator<T> check) {
      this.check = check;
      this.settableOnUpdate = false;
      return this;
    }

    /** How a merge treats the field; every field says. */
    public Builder<T> merge(Merge rule) {
      this.merge = rule;
      return this;
    }

    /** An older key read when the line lacks the field's own. */
    public Builder<T> alias(String key) {
      this.alias = key;
      return this;
    }

    /** The spec of the field with this key. */
    public Spec<T> build(String key) {
      return new Spec<>(this, key);
    }
  }
}
