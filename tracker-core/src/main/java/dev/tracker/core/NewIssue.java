package dev.tracker.core;

import dev.tracker.core.internal.model.Default;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * What to create: the fields a caller chooses ({@link IssueField#isSettableOnCreate()}), each
 * checked. Id, timestamps and author are set by {@link TrackerService#create(NewIssue)}.
 *
 * <pre>{@code
 * Issue bug = tracker.create(
 *     NewIssue.builder("Login fails on empty password")
 *         .type(IssueType.BUG)
 *         .priority(1)
 *         .label("auth")
 *         .build());
 * }</pre>
 */
public final class NewIssue {

  /** The longest title accepted. */
  public static final int MAX_TITLE_LENGTH = 500;

  /** The priority of a new issue unless another is chosen. */
  public static final int DEFAULT_PRIORITY = 2;

  /** A value for every field a caller may set, by ordinal; {@code null} for the others. */
  private final @Nullable Object[] values;

  private NewIssue(@Nullable Object[] values) {
    this.values = values;
  }

  /** An open task with the given title and default priority. */
  public static NewIssue of(String title) {
    return builder(title).build();
  }

  /** Starts a new issue with the given title. */
  public static Builder builder(String title) {
    return new Builder().title(title);
  }

  /**
   * The value of a field a caller may set: as set, or its default.
   *
   * @throws IllegalArgumentException for a field that a new issue does not set
   */
  @SuppressWarnings("unchecked")
  public <T> T get(IssueField<T> field) {
    Object value = values[field.ordinal()];
    if (value == null) {
      throw new IllegalArgumentException(field.key() + " is not a field a new issue sets");
    }
    return (T) value;
  }

  /** One line, not blank, at most {@value #MAX_TITLE_LENGTH} characters. */
  public String title() {
    return get(IssueField.TITLE);
  }

  /** Free text. */
  public String description() {
    return get(IssueField.DESCRIPTION);
  }

  /** Free text. */
  public String design() {
    return get(IssueField.DESIGN);
  }

  /** Free text. */
  public String acceptanceCriteria() {
    return get(IssueField.ACCEPTANCE_CRITERIA);
  }

  /** Free text. */
  public String notes() {
    return get(IssueField.NOTES);
  }

  /** The starting status; any but {@link Status#TOMBSTONE}. */
  public Status status() {
    return get(IssueField.STATUS);
  }

  /** 0 (highest) to 4. */
  public int priority() {
    return get(IssueField.PRIORITY);
  }

  /** What kind of issue. */
  public IssueType issueType() {
    return get(IssueField.ISSUE_TYPE);
  }

  /** Who works on it, or empty. */
  public String assignee() {
    return get(IssueField.ASSIGNEE);
  }

  /** Who is answerable for it, or empty. */
  public String owner() {
    return get(IssueField.OWNER);
  }

  /** A reference to another system, or empty. */
  public String externalRef() {
    return get(IssueField.EXTERNAL_REF);
  }

  /** Its labels, sorted, without repeats. */
  public List<String> labels() {
    return get(IssueField.LABELS);
  }

  /** Equal when every field is. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof NewIssue issue && Arrays.equals(values, issue.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(", ", "NewIssue[", "]");
    for (IssueField<?> field : IssueField.values()) {
      if (values[field.ordinal()] != null) {
        text.add(field.key() + "=" + values[field.ordinal()]);
      }
    }
    return text.toString();
  }

  /**
   * Builds a {@link NewIssue}; {@link #build()} checks the fields. A field not set takes its
   * default: empty text, {@link Status#OPEN}, priority {@value NewIssue#DEFAULT_PRIORITY}, {@link
   * IssueType#TASK}, no labels.
   */
  public static final class Builder extends FieldSetter<Builder> {
    private final List<String> labels = new ArrayList<>();

    private Builder() {
      super(false);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Adds labels. */
    public Builder label(String... labels) {
      this.labels.addAll(List.of(labels));
      return set(IssueField.LABELS, List.copyOf(this.labels));
    }

    /**
     * Builds the new issue.
     *
     * @throws ValidationException naming the first field that is not valid
     */
    public NewIssue build() {
      @Nullable Object[] checked = checked();
      for (IssueField<?> field : IssueField.values()) {
        if (field.isSettableOnCreate() && checked[field.ordinal()] == null) {
          checked[field.ordinal()] = defaultOf(field);
        }
      }
      return new NewIssue(checked);
    }

    private static <T> T defaultOf(IssueField<T> field) {
      T value = field.spec().defaultValue(new NoEarlierValues());
      if (value == null) {
        throw new IllegalStateException(field.key() + " has no default");
      }
      return value;
    }
  }

  /** The defaults of the fields a caller sets are constants: they read no other field. */
  private static final class NoEarlierValues implements Default.Values {
    @Override
    public <T> T get(IssueField<T> field) {
      throw new IllegalStateException("the default of a settable field reads " + field.key());
    }
  }
}
