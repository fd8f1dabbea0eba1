package dev.tracker.core;

import dev.tracker.core.internal.model.Default;
import dev.tracker.core.internal.model.Spec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * An issue, as stored and as written to one line of {@code issues.jsonl}: one value for each {@link
 * IssueField}, plus the keys this library does not know ({@link #extras()}). Immutable. Absent
 * optional text is the empty string. Labels are sorted, dependencies are in {@link
 * Dependency#ORDER}, comments in {@link Comment#ORDER}: two issues with the same content are equal.
 *
 * <pre>{@code
 * Issue issue = Issue.builder("tr-a1b2")
 *     .set(IssueField.TITLE, "Fix login")
 *     .set(IssueField.CREATED_AT, Instant.parse("2025-11-02T21:58:07Z"))
 *     .build();
 * Issue closed = issue.with(IssueField.STATUS, Status.CLOSED);
 * }</pre>
 */
public final class Issue {

  private final Object[] values;
  private final Map<String, String> extras;

  private Issue(Object[] values, Map<String, String> extras) {
    this.values = values;
    this.extras = extras;
  }

  /** Starts an issue with this id; every other field has its default until set. */
  public static Builder builder(String id) {
    return new Builder().set(IssueField.ID, id);
  }

  /** A builder holding this issue's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(values.clone(), extras);
  }

  /** The value of a field; never {@code null}. */
  @SuppressWarnings("unchecked")
  public <T> T get(IssueField<T> field) {
    return (T) values[field.ordinal()];
  }

  /** This issue with one field changed. */
  public <T> Issue with(IssueField<T> field, T value) {
    return toBuilder().set(field, value).build();
  }

  /** {@code <prefix>-<hash>} for issues created here; any shape for imported ones. */
  public String id() {
    return get(IssueField.ID);
  }

  /** One line that says what it is about. */
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

  /** Where it stands. */
  public Status status() {
    return get(IssueField.STATUS);
  }

  /** 0 (highest) to 4 for issues created here; kept as read on import. */
  public int priority() {
    return get(IssueField.PRIORITY);
  }

  /** What kind of issue. */
  public IssueType issueType() {
    return get(IssueField.ISSUE_TYPE);
  }

  /** Who works on it. */
  public String assignee() {
    return get(IssueField.ASSIGNEE);
  }

  /** Who is answerable for it. */
  public String owner() {
    return get(IssueField.OWNER);
  }

  /** When it was created. */
  public Instant createdAt() {
    return get(IssueField.CREATED_AT);
  }

  /** Who created it. */
  public String createdBy() {
    return get(IssueField.CREATED_BY);
  }

  /** When it last changed. */
  public Instant updatedAt() {
    return get(IssueField.UPDATED_AT);
  }

  /** When it was closed, or {@code null} if it is not. */
  public @Nullable Instant closedAt() {
    return get(IssueField.CLOSED_AT).orElse(null);
  }

  /** Why it was closed. */
  public String closeReason() {
    return get(IssueField.CLOSE_REASON);
  }

  /** A reference to another system. */
  public String externalRef() {
    return get(IssueField.EXTERNAL_REF);
  }

  /** Its labels, sorted. */
  public List<String> labels() {
    return get(IssueField.LABELS);
  }

  /** Its links to other issues, in {@link Dependency#ORDER}. */
  public List<Dependency> dependencies() {
    return get(IssueField.DEPENDENCIES);
  }

  /** Its comments, oldest first. */
  public List<Comment> comments() {
    return get(IssueField.COMMENTS);
  }

  /** When it was deleted, or {@code null} if it is not a tombstone. */
  public @Nullable Instant deletedAt() {
    return get(IssueField.DELETED_AT).orElse(null);
  }

  /** Who deleted it. */
  public String deletedBy() {
    return get(IssueField.DELETED_BY);
  }

  /** Why it was deleted. */
  public String deleteReason() {
    return get(IssueField.DELETE_REASON);
  }

  /** Its type before deletion. */
  public String originalType() {
    return get(IssueField.ORIGINAL_TYPE);
  }

  /** Keys this library does not know, as read: key to raw JSON value, sorted by key. */
  public Map<String, String> extras() {
    return extras;
  }

  /** Whether this issue was deleted and is kept only as a tombstone. */
  public boolean isTombstone() {
    return status().equals(Status.TOMBSTONE) || get(IssueField.DELETED_AT).isPresent();
  }

  /** The ids of the issues this one depends on with the given link type. */
  public List<String> dependsOn(DependencyType type) {
    return dependencies().stream()
        .filter(dependency -> dependency.type().equals(type))
        .map(Dependency::dependsOnId)
        .toList();
  }

  /** Equal when every field and every extra is. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Issue issue
        && Arrays.equals(values, issue.values)
        && extras.equals(issue.extras);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + extras.hashCode();
  }

  /** Every field by its key, then the extras. */
  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(", ", "Issue[", "]");
    for (IssueField<?> field : IssueField.values()) {
      text.add(field.key() + "=" + values[field.ordinal()]);
    }
    return text.add("extras=" + extras).toString();
  }

  /**
   * Builds an {@link Issue}. A field not set takes its default: empty text, no instant, no
   * elements, {@link Status#OPEN}, priority {@value NewIssue#DEFAULT_PRIORITY}, {@link
   * IssueType#TASK}, and {@code updated_at} the same as {@code created_at}. The id, the title and
   * {@code created_at} have none and must be set.
   */
  public static final class Builder {
    private final @Nullable Object[] values;
    private Map<String, String> extras;

    private Builder() {
      this(new Object[IssueField.values().size()], Map.of());
    }

    private Builder(@Nullable Object[] values, Map<String, String> extras) {
      this.values = values;
      this.extras = extras;
    }

    /** Sets a field. */
    public <T> Builder set(IssueField<T> field, T value) {
      values[field.ordinal()] = Objects.requireNonNull(value, field.key());
      return this;
    }

    /** Sets the keys this library does not know: key to raw JSON value. */
    public Builder extras(Map<String, String> extras) {
      this.extras = extras;
      return this;
    }

    /**
     * Builds the issue, the lists in their canonical order.
     *
     * @throws IllegalStateException when the id, the title or {@code created_at} is not set
     */
    public Issue build() {
      Object[] built = new Object[values.length];
      Default.Values earlier =
          new Default.Values() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(IssueField<T> field) {
              return (T) built[field.ordinal()];
            }
          };
      for (IssueField<?> field : IssueField.values()) {
        built[field.ordinal()] = resolve(field, earlier);
      }
      return new Issue(built, Checks.sortedCopy(extras));
    }

    private <T> T resolve(IssueField<T> field, Default.Values earlier) {
      Spec<T> spec = field.spec();
      @SuppressWarnings("unchecked")
      T value = (T) values[field.ordinal()];
      if (value == null) {
        value = spec.defaultValue(earlier);
        if (value == null) {
          throw new IllegalStateException(
              "Issue " + values[IssueField.ID.ordinal()] + ": " + field.key() + " is not set");
        }
      }
      return spec.kind().canonical(value);
    }
  }
}
