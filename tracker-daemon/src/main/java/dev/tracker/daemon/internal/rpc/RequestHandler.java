package dev.tracker.daemon.internal.rpc;

/** Answers one request line; called by one connection at a time, by many connections at once. */
@FunctionalInterface
public interface RequestHandler {

  /**
   * Handles the line in {@code line[0, length)}, without its {@code \n}. Never throws: every
   * failure becomes an error response.
   */
  Reply handle(byte[] line, int length);
}
