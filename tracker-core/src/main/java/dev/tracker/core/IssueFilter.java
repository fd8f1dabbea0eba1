package dev.tracker.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which issues to list. Criteria combine with AND; within a set, any value matches. Without a
 * status, every issue but tombstones matches.
 *
 * <pre>{@code
 * tracker.list(IssueFilter.builder().status(Status.OPEN).label("auth").limit(20).build());
 * }</pre>
 *
 * @param statuses any of these statuses; empty for all but tombstones
 * @param types any of these types; empty for all
 * @param priority exactly this priority, or {@code null} for any
 * @param assignee exactly this assignee, or {@code null} for any
 * @param labels all of these labels
 * @param text contained in the title, description or id, ignoring case; {@code null} for any
 * @param limit at most this many issues, or 0 for no limit
 */
public record IssueFilter(
    Set<Status> statuses,
    Set<IssueType> types,
    @Nullable Integer priority,
    @Nullable String assignee,
    Set<String> labels,
    @Nullable String text,
    int limit) {

  private static final IssueFilter ALL = builder().build();

  /**
   * Creates a filter.
   *
   * @throws ValidationException if the limit is negative
   */
  public IssueFilter {
    statuses = Set.copyOf(statuses);
    types = Set.copyOf(types);
    labels = Set.copyOf(labels);
    if (limit < 0) {
      throw Checks.invalid("limit", limit, "must not be negative");
    }
  }

  /** Every issue that is not a tombstone. */
  public static IssueFilter all() {
    return ALL;
  }

  /** Starts a filter that matches every issue that is not a tombstone. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link IssueFilter}. */
  public static final class Builder {
    private final Set<Status> statuses = new LinkedHashSet<>();
    private final Set<IssueType> types = new LinkedHashSet<>();
    private @Nullable Integer priority;
    private @Nullable String assignee;
    private final Set<String> labels = new LinkedHashSet<>();
    private @Nullable String text;
    private int limit;

    private Builder() {}

    /** Matches issues in any of these statuses. */
    public Builder status(Status... statuses) {
      this.statuses.addAll(List.of(statuses));
      return this;
    }

    /** Matches issues of any of these types. */
    public Builder type(IssueType... types) {
      this.types.addAll(List.of(types));
      return this;
    }

    /** Matches issues with exactly this priority. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** Matches issues assigned to exactly this person. */
    public Builder assignee(String assignee) {
      this.assignee = assignee;
      return this;
    }

    /** Matches issues that carry all of these labels. */
    public Builder label(String... labels) {
      this.labels.addAll(List.of(labels));
      return this;
    }

    /** Matches issues whose title, description or id contain this text, ignoring case. */
    public Builder text(String text) {
      this.text = text;
      return this;
    }

    /** Returns at most this many issues; 0 for no limit. */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /**
     * Builds the filter.
     *
     * @throws ValidationException if the limit is negative
     */
    public IssueFilter build() {
      return new IssueFilter(statuses, types, priority, assignee, labels, text, limit);
    }
  }
}
