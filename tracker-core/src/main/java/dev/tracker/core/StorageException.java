package dev.tracker.core;

/**
 * The database or a file could not be read or written. The cause holds the original failure; a
 * write that failed was rolled back.
 */
public class StorageException extends TrackerException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what could not be done. */
  public StorageException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the failure that caused it. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
