package dev.tracker.core;

import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A change to some fields of an issue ({@link IssueField#isSettableOnUpdate()}): a field not set
 * stays as it is, an empty string clears a text field.
 *
 * <pre>{@code
 * tracker.update(id, IssueUpdate.builder().status(Status.IN_PROGRESS).assignee("ada").build());
 * }</pre>
 *
 * <p>Moving an issue to {@link Status#CLOSED} sets its close time, moving it away clears the close
 * time and reason, as {@link TrackerService#close} and {@link TrackerService#reopen} do.
 */
public final class IssueUpdate {

  /** The new value of each field set, by ordinal; {@code null} for a field left as it is. */
  private final @Nullable Object[] values;

  private IssueUpdate(@Nullable Object[] values) {
    this.values = values;
  }

  /** Starts an update that changes nothing. */
  public static Builder builder() {
    return new Builder();
  }

  /** The new value of a field, or {@code null} when the update leaves it as it is. */
  @SuppressWarnings("unchecked")
  public <T> @Nullable T get(IssueField<T> field) {
    return (T) values[field.ordinal()];
  }

  /** The fields this update changes, in the order of the format. */
  public List<IssueField<?>> fields() {
    return IssueField.values().stream().filter(field -> values[field.ordinal()] != null).toList();
  }

  /** The new title, or {@code null}. */
  public @Nullable String title() {
    return get(IssueField.TITLE);
  }

  /** The new description, or {@code null}. */
  public @Nullable String description() {
    return get(IssueField.DESCRIPTION);
  }

  /** The new design notes, or {@code null}. */
  public @Nullable String design() {
    return get(IssueField.DESIGN);
  }

  /** The new acceptance criteria, or {@code null}. */
  public @Nullable String acceptanceCriteria() {
    return get(IssueField.ACCEPTANCE_CRITERIA);
  }

  /** The new notes, or {@code null}. */
  public @Nullable String notes() {
    return get(IssueField.NOTES);
  }

  /** The new status, any but {@link Status#TOMBSTONE}; or {@code null}. */
  public @Nullable Status status() {
    return get(IssueField.STATUS);
  }

  /** The new priority, 0 to 4; or {@code null}. */
  public @Nullable Integer priority() {
    return get(IssueField.PRIORITY);
  }

  /** The new type, or {@code null}. */
  public @Nullable IssueType issueType() {
    return get(IssueField.ISSUE_TYPE);
  }

  /** The new assignee, or {@code null}. */
  public @Nullable String assignee() {
    return get(IssueField.ASSIGNEE);
  }

  /** The new owner, or {@code null}. */
  public @Nullable String owner() {
    return get(IssueField.OWNER);
  }

  /** The new external reference, or {@code null}. */
  public @Nullable String externalRef() {
    return get(IssueField.EXTERNAL_REF);
  }

  /** Equal when the same fields are set to the same values. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof IssueUpdate update && Arrays.equals(values, update.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(", ", "IssueUpdate[", "]");
    for (IssueField<?> field : fields()) {
      text.add(field.key() + "=" + values[field.ordinal()]);
    }
    return text.toString();
  }

  /** Builds an {@link IssueUpdate}; each setter marks one field to change. */
  public static final class Builder extends FieldSetter<Builder> {

    private Builder() {
      super(true);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Builds the update.
     *
     * @throws ValidationException naming the first field that is not valid
     */
    public IssueUpdate build() {
      return new IssueUpdate(checked());
    }
  }
}
