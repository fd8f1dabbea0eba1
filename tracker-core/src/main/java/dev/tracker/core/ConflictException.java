package dev.tracker.core;

/**
 * The request is valid on its own but conflicts with the state of the tracker: a dependency that
 * would close a cycle, a change to a deleted issue. Nothing was written.
 */
public class ConflictException extends TrackerException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what it conflicts with. */
  public ConflictException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the failure that caused it. */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
