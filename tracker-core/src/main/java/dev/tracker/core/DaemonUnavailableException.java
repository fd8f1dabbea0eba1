package dev.tracker.core;

/**
 * No daemon answers for the workspace, or the one that answers cannot serve this client (another
 * version). The message says which, and how to start or restart it.
 */
public class DaemonUnavailableException extends TrackerException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says why no daemon can be used. */
  public DaemonUnavailableException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the failure that caused it. */
  public DaemonUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
