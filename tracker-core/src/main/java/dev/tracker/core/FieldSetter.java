package dev.tracker.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link NewIssue.Builder} and {@link IssueUpdate.Builder} share: a value for some of the
 * fields a caller may set, the named setters, and the checks ({@link #checked}). Which fields may
 * be set, and how each is checked, is the field's own description ({@link IssueField}).
 *
 * @param <B> the builder itself, so that setters chain
 */
abstract class FieldSetter<B extends FieldSetter<B>> {

  /** A value for each field set, by ordinal; {@code null} for a field not set. */
  final @Nullable Object[] values = new Object[IssueField.values().size()];

  private final boolean update;

  FieldSetter(boolean update) {
    this.update = update;
  }

  abstract B self();

  /**
   * Sets a field.
   *
   * @throws IllegalArgumentException when callers may not set this field here
   */
  public <T> B set(IssueField<T> field, T value) {
    if (update ? !field.isSettableOnUpdate() : !field.isSettableOnCreate()) {
      throw new IllegalArgumentException(
          field.key() + " cannot be set " + (update ? "by an update" : "on a new issue"));
    }
    values[field.ordinal()] = Objects.requireNonNull(value, field.key());
    return self();
  }

  /** Sets the title. */
  public B title(String title) {
    return set(IssueField.TITLE, title);
  }

  /** Sets the description. */
  public B description(String description) {
    return set(IssueField.DESCRIPTION, description);
  }

  /** Sets the design notes. */
  public B design(String design) {
    return set(IssueField.DESIGN, design);
  }

  /** Sets the acceptance criteria. */
  public B acceptanceCriteria(String acceptanceCriteria) {
    return set(IssueField.ACCEPTANCE_CRITERIA, acceptanceCriteria);
  }

  /** Sets the notes. */
  public B notes(String notes) {
    return set(IssueField.NOTES, notes);
  }

  /** Sets the status; any but {@link Status#TOMBSTONE}. */
  public B status(Status status) {
    return set(IssueField.STATUS, status);
  }

  /** Sets the priority, 0 (highest) to 4. */
  public B priority(int priority) {
    return set(IssueField.PRIORITY, priority);
  }

  /** Sets the type. */
  public B type(IssueType issueType) {
    return set(IssueField.ISSUE_TYPE, issueType);
  }

  /** Sets who works on it; empty for nobody. */
  public B assignee(String assignee) {
    return set(IssueField.ASSIGNEE, assignee);
  }

  /** Sets who is answerable for it. */
  public B owner(String owner) {
    return set(IssueField.OWNER, owner);
  }

  /** Sets a reference to another system. */
  public B externalRef(String externalRef) {
    return set(IssueField.EXTERNAL_REF, externalRef);
  }

  /**
   * The values set, each checked by its field and in the form it is stored in; {@code null} for a
   * field not set.
   *
   * @throws ValidationException naming the first field, in the order of the format, that is not
   *     valid
   */
  @Nullable Object[] checked() {
    @Nullable Object[] checked = new Object[values.length];
    for (IssueField<?> field : IssueField.values()) {
      checked[field.ordinal()] = check(field);
    }
    return checked;
  }

  private <T> @Nullable T check(IssueField<T> field) {
    @SuppressWarnings("unchecked")
    T value = (T) values[field.ordinal()];
    return value == null ? null : field.spec().check(value);
  }
}
