package dev.tracker.core;

import org.jspecify.annotations.Nullable;

/**
 * A change to some fields of an issue; a {@code null} component leaves its field as it is, an empty
 * string clears a text field.
 *
 * <pre>{@code
 * tracker.update(id, IssueUpdate.builder().status(Status.IN_PROGRESS).assignee("ada").build());
 * }</pre>
 *
 * <p>Moving an issue to {@link Status#CLOSED} sets its close time, moving it away clears the close
 * time and reason, as {@link TrackerService#close} and {@link TrackerService#reopen} do.
 *
 * @param title the new title
 * @param description the new description
 * @param design the new design notes
 * @param acceptanceCriteria the new acceptance criteria
 * @param notes the new notes
 * @param status the new status; any but {@link Status#TOMBSTONE}
 * @param priority the new priority, 0 to 4
 * @param issueType the new type
 * @param assignee the new assignee
 * @param owner the new owner
 * @param externalRef the new external reference
 */
public record IssueUpdate(
    @Nullable String title,
    @Nullable String description,
    @Nullable String design,
    @Nullable String acceptanceCriteria,
    @Nullable String notes,
    @Nullable Status status,
    @Nullable Integer priority,
    @Nullable IssueType issueType,
    @Nullable String assignee,
    @Nullable String owner,
    @Nullable String externalRef) {

  /**
   * Creates an update, checking every field that is set.
   *
   * @throws ValidationException naming the first field that is not valid
   */
  public IssueUpdate {
    if (title != null) {
      Checks.requireTitle(title);
    }
    if (priority != null) {
      Checks.requirePriority(priority);
    }
    if (status != null) {
      Checks.requireNotTombstone(status);
    }
  }

  /** Starts an update that changes nothing. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link IssueUpdate}; each setter marks one field to change. */
  public static final class Builder {
    private @Nullable String title;
    private @Nullable String description;
    private @Nullable String design;
    private @Nullable String acceptanceCriteria;
    private @Nullable String notes;
    private @Nullable Status status;
    private @Nullable Integer priority;
    private @Nullable IssueType issueType;
    private @Nullable String assignee;
    private @Nullable String owner;
    private @Nullable String externalRef;

    private Builder() {}

    /** Changes the title. */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** Changes the description. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Changes the design notes. */
    public Builder design(String design) {
      this.design = design;
      return this;
    }

    /** Changes the acceptance criteria. */
    public Builder acceptanceCriteria(String acceptanceCriteria) {
      this.acceptanceCriteria = acceptanceCriteria;
      return this;
    }

    /** Changes the notes. */
    public Builder notes(String notes) {
      this.notes = notes;
      return this;
    }

    /** Changes the status. */
    public Builder status(Status status) {
      this.status = status;
      return this;
    }

    /** Changes the priority. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** Changes the type. */
    public Builder type(IssueType issueType) {
      this.issueType = issueType;
      return this;
    }

    /** Changes who works on it; empty to unassign. */
    public Builder assignee(String assignee) {
      this.assignee = assignee;
      return this;
    }

    /** Changes who is answerable for it. */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /** Changes the reference to another system. */
    public Builder externalRef(String externalRef) {
      this.externalRef = externalRef;
      return this;
    }

    /**
     * Builds the update.
     *
     * @throws ValidationException naming the first field that is not valid
     */
    public IssueUpdate build() {
      return new IssueUpdate(
          title,
          description,
          design,
          acceptanceCriteria,
          notes,
          status,
          priority,
          issueType,
          assignee,
          owner,
          externalRef);
    }
  }
}
