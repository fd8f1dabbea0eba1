package dev.tracker.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What to create: the fields a caller chooses. Id, timestamps and author are set by {@link
 * TrackerService#create(NewIssue)}.
 *
 * <pre>{@code
 * Issue bug = tracker.create(
 *     NewIssue.builder("Login fails on empty password")
 *         .type(IssueType.BUG)
 *         .priority(1)
 *         .label("auth")
 *         .build());
 * }</pre>
 *
 * @param title one line, not blank, at most {@value #MAX_TITLE_LENGTH} characters
 * @param description free text
 * @param design free text
 * @param acceptanceCriteria free text
 * @param notes free text
 * @param status the starting status; any but {@link Status#TOMBSTONE}
 * @param priority 0 (highest) to 4
 * @param issueType what kind of issue
 * @param assignee who works on it, or empty
 * @param owner who is answerable for it, or empty
 * @param externalRef a reference to another system, or empty
 * @param labels its labels
 */
public record NewIssue(
    String title,
    String description,
    String design,
    String acceptanceCriteria,
    String notes,
    Status status,
    int priority,
    IssueType issueType,
    String assignee,
    String owner,
    String externalRef,
    List<String> labels) {

  /** The longest title accepted. */
  public static final int MAX_TITLE_LENGTH = 500;

  /** The priority of a new issue unless another is chosen. */
  public static final int DEFAULT_PRIORITY = 2;

  /**
   * Creates a new issue description, checking every field.
   *
   * @throws ValidationException naming the first field that is not valid
   */
  public NewIssue {
    Checks.requireTitle(title);
    Checks.requirePriority(priority);
    Checks.requireNotTombstone(status);
    labels = labels.stream().map(Checks::requireLabel).distinct().sorted().toList();
  }

  /** An open task with the given title and default priority. */
  public static NewIssue of(String title) {
    return builder(title).build();
  }

  /** Starts a new issue with the given title. */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** Builds a {@link NewIssue}; {@link #build()} checks the fields. */
  public static final class Builder {
    private final String title;
    private String description = "";
    private String design = "";
    private String acceptanceCriteria = "";
    private String notes = "";
    private Status status = Status.OPEN;
    private int priority = DEFAULT_PRIORITY;
    private IssueType issueType = IssueType.TASK;
    private String assignee = "";
    private String owner = "";
    private String externalRef = "";
    private final List<String> labels = new ArrayList<>();

    private Builder(String title) {
      this.title = title;
    }

    /** Sets the description. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Sets the design notes. */
    public Builder design(String design) {
      this.design = design;
      return this;
    }

    /** Sets the acceptance criteria. */
    public Builder acceptanceCriteria(String acceptanceCriteria) {
      this.acceptanceCriteria = acceptanceCriteria;
      return this;
    }

    /** Sets the notes. */
    public Builder notes(String notes) {
      this.notes = notes;
      return this;
    }

    /** Sets the starting status; {@link Status#OPEN} unless set. */
    public Builder status(Status status) {
      this.status = status;
      return this;
    }

    /** Sets the priority, 0 (highest) to 4; {@value NewIssue#DEFAULT_PRIORITY} unless set. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** Sets the type; {@link IssueType#TASK} unless set. */
    public Builder type(IssueType issueType) {
      this.issueType = issueType;
      return this;
    }

    /** Sets who works on it. */
    public Builder assignee(String assignee) {
      this.assignee = assignee;
      return this;
    }

    /** Sets who is answerable for it. */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /** Sets a reference to another system. */
    public Builder externalRef(String externalRef) {
      this.externalRef = externalRef;
      return this;
    }

    /** Adds labels. */
    public Builder label(String... labels) {
      this.labels.addAll(List.of(labels));
      return this;
    }

    /**
     * Builds the new issue.
     *
     * @throws ValidationException naming the first field that is not valid
     */
    public NewIssue build() {
      return new NewIssue(
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
          externalRef,
          labels);
    }
  }
}
