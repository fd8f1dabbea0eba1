package dev.tracker.core;

/**
 * The kind of a link between two issues. An open set: the well-known values have constants, and any
 * other non-blank string read from a file is kept as it is. Only {@link #BLOCKS} decides what is
 * ready, and only it is refused when it would close a cycle.
 *
 * @param value the type as written in {@code issues.jsonl}
 */
public record DependencyType(String value) {

  /** The issue cannot start before the other one is done. */
  public static final DependencyType BLOCKS = new DependencyType("blocks");

  /** The issues are related; no ordering. */
  public static final DependencyType RELATED = new DependencyType("related");

  /** The issue is a child of the other one (the link points from child to parent). */
  public static final DependencyType PARENT_CHILD = new DependencyType("parent-child");

  /** The issue was found while working on the other one. */
  public static final DependencyType DISCOVERED_FROM = new DependencyType("discovered-from");

  /**
   * Creates a dependency type.
   *
   * @throws ValidationException if {@code value} is blank
   */
  public DependencyType {
    Checks.requireToken("type", value);
  }

  /** Returns the constant for a well-known value, or a new type for any other. */
  public static DependencyType of(String value) {
    return switch (value) {
      case "blocks" -> BLOCKS;
      case "related" -> RELATED;
      case "parent-child" -> PARENT_CHILD;
      case "discovered-from" -> DISCOVERED_FROM;
      default -> new DependencyType(value);
    };
  }

  @Override
  public String toString() {
    return value;
  }
}
