package dev.tracker.core.internal.model;

import dev.tracker.core.IssueField;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The internal side of {@link IssueField}: each field's {@link Spec}, and the lists of fields every
 * layer loops over, computed once. A field hands out its spec only through here, so that nothing
 * internal appears in the public API.
 */
public final class Schema {

  private static volatile @Nullable Function<IssueField<?>, Spec<?>> access;

  private Schema() {}

  /**
   * Called once, by {@link IssueField} as it initialises, with the way to read a field's spec.
   *
   * @throws IllegalStateException when called again
   */
  public static void grant(Function<IssueField<?>, Spec<?>> specs) {
    synchronized (Schema.class) {
      if (access != null) {
        throw new IllegalStateException("the fields' specs are granted once, by IssueField");
      }
      access = specs;
    }
  }

  /** The spec of a field. */
  @SuppressWarnings("unchecked")
  public static <T> Spec<T> spec(IssueField<T> field) {
    Function<IssueField<?>, Spec<?>> specs = access;
    if (specs == null) {
      // a field exists, so IssueField has initialised on this thread or another: read again
      specs = Objects.requireNonNull(access, "IssueField has not initialised");
    }
    return (Spec<T>) specs.apply(field);
  }

  /** Every field, in the order of the format. */
  public static List<IssueField<?>> fields() {
    return Fields.ALL;
  }

  /** The spec of each field, in the order of {@link #fields()}. */
  public static List<Spec<?>> specs() {
    return Fields.SPECS;
  }

  /** The fields with a column in {@code issues}, in the order of the format. */
  public static List<IssueField<?>> columns() {
    return Fields.COLUMNS;
  }

  /** The fields a {@link dev.tracker.core.NewIssue} may set. */
  public static List<IssueField<?>> settableOnCreate() {
    return Fields.ON_CREATE;
  }

  /** The fields an {@link dev.tracker.core.IssueUpdate} may change. */
  public static List<IssueField<?>> settableOnUpdate() {
    return Fields.ON_UPDATE;
  }

  /** Computed when first used, after {@link IssueField} has defined every field. */
  private static final class Fields {
    static final List<IssueField<?>> ALL = List.copyOf(IssueField.values());
    static final List<Spec<?>> SPECS = ALL.stream().<Spec<?>>map(Schema::spec).toList();
    static final List<IssueField<?>> COLUMNS =
        ALL.stream().filter(field -> spec(field).kind().isColumn()).toList();
    static final List<IssueField<?>> ON_CREATE =
        ALL.stream().filter(IssueField::isSettableOnCreate).toList();
    static final List<IssueField<?>> ON_UPDATE =
        ALL.stream().filter(IssueField::isSettableOnUpdate).toList();
  }
}
