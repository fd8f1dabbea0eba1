package dev.tracker.core;

/**
 * Input was refused. The message names the field and the value; nothing was written.
 *
 * <pre>{@code
 * tracker.create(NewIssue.of(" "));
 * // ValidationException: title must not be blank, was ' '
 * }</pre>
 */
public class ValidationException extends TrackerException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the field and the value. */
  public ValidationException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the failure that caused it. */
  public ValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
