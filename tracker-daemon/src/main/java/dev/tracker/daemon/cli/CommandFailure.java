package dev.tracker.daemon.cli;

/**
 * A command that cannot run as asked, for a reason the user can fix (no workspace here, a directory
 * that does not exist, an id that names no issue): printed as {@code error: <message>}, exit code
 * 1, with nothing changed.
 */
final class CommandFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CommandFailure(String message) {
    super(message);
  }
}
