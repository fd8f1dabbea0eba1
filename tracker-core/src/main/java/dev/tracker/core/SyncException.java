package dev.tracker.core;

/**
 * A sync could not finish: the remote is unreachable, the push was rejected twice, HEAD is
 * detached, the file cannot be written. The cause holds the original failure. What the sync did
 * before failing is consistent: the database, the working tree and the branch agree.
 */
public class SyncException extends TrackerException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says which step failed. */
  public SyncException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the failure that caused it. */
  public SyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
