package dev.tracker.core;

/**
 * The root of every exception tracker throws on purpose. Unchecked: SQL, I/O and git failures are
 * converted at the boundary, with the original kept as the cause.
 *
 * <p>Catch a subtype to handle one kind of failure: {@link IssueNotFoundException}, {@link
 * ValidationException}, {@link ConflictException}, {@link StorageException}.
 */
public class TrackerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what went wrong. */
  public TrackerException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the failure that caused it. */
  public TrackerException(String message, Throwable cause) {
    super(message, cause);
  }
}
