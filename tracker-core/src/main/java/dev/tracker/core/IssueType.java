package dev.tracker.core;

/**
 * The kind of an issue. An open set: the well-known values have constants, and any other non-blank
 * string read from a file is kept as it is.
 *
 * @param value the type as written in {@code issues.jsonl}
 */
public record IssueType(String value) {

  /** Something is broken. */
  public static final IssueType BUG = new IssueType("bug");

  /** New behaviour. */
  public static final IssueType FEATURE = new IssueType("feature");

  /** A unit of work; the default. */
  public static final IssueType TASK = new IssueType("task");

  /** A large piece of work, parent of others. */
  public static final IssueType EPIC = new IssueType("epic");

  /** Upkeep. */
  public static final IssueType CHORE = new IssueType("chore");

  /**
   * Creates an issue type.
   *
   * @throws ValidationException if {@code value} is blank
   */
  public IssueType {
    Checks.requireToken("issue_type", value);
  }

  /** Returns the constant for a well-known value, or a new type for any other. */
  public static IssueType of(String value) {
    return switch (value) {
      case "bug" -> BUG;
      case "feature" -> FEATURE;
      case "task" -> TASK;
      case "epic" -> EPIC;
      case "chore" -> CHORE;
      default -> new IssueType(value);
    };
  }

  @Override
  public String toString() {
    return value;
  }
}
