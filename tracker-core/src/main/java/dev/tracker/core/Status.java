package dev.tracker.core;

/**
 * The status of an issue. An open set: the well-known values have constants, and any other
 * non-blank string read from a file is kept as it is.
 *
 * <pre>{@code
 * Status.of("open") == Status.OPEN;          // the constant
 * Status.of("pinned").value();               // "pinned", kept as read
 * }</pre>
 *
 * @param value the status as written in {@code issues.jsonl}
 */
public record Status(String value) {

  /** Not started. The only status that {@link TrackerService#ready()} returns. */
  public static final Status OPEN = new Status("open");

  /** Someone works on it. */
  public static final Status IN_PROGRESS = new Status("in_progress");

  /** Waiting on something outside the tracker. */
  public static final Status BLOCKED = new Status("blocked");

  /** Put off on purpose. */
  public static final Status DEFERRED = new Status("deferred");

  /** Done: no longer blocks anything. */
  public static final Status CLOSED = new Status("closed");

  /** Deleted, and kept so that a stale clone cannot bring the issue back. */
  public static final Status TOMBSTONE = new Status("tombstone");

  /**
   * Creates a status.
   *
   * @throws ValidationException if {@code value} is blank
   */
  public Status {
    Checks.requireToken("status", value);
  }

  /** Returns the constant for a well-known value, or a new status for any other. */
  public static Status of(String value) {
    return switch (value) {
      case "open" -> OPEN;
      case "in_progress" -> IN_PROGRESS;
      case "blocked" -> BLOCKED;
      case "deferred" -> DEFERRED;
      case "closed" -> CLOSED;
      case "tombstone" -> TOMBSTONE;
      default -> new Status(value);
    };
  }

  /** Whether an issue in this status is finished: closed or deleted. */
  public boolean isDone() {
    return equals(CLOSED) || equals(TOMBSTONE);
  }

  @Override
  public String toString() {
    return value;
  }
}
