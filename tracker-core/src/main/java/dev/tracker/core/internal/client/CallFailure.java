package dev.tracker.core.internal.client;

import org.jspecify.annotations.Nullable;

/**
 * Why a {@link Connection} could not bring back an answer. The connection is closed by then; the
 * {@link DaemonClient} decides what the caller sees.
 */
final class CallFailure extends Exception {

  private static final long serialVersionUID = 1L;

  enum Kind {
    /** Nothing of the request reached the daemon: safe to send it again. */
    NOT_SENT,
    /** The request was sent (in part or whole), then the connection broke. */
    LOST,
    /** The deadline passed before the answer came. */
    TIMED_OUT,
    /** What came back is not a JSON-RPC answer to this request. */
    MALFORMED,
    /** The calling thread was interrupted; its flag is still set. */
    INTERRUPTED,
    /** No connection could be opened: no socket file, refused. */
    UNREACHABLE,
    /** Every connection stayed in use until the deadline. */
    BUSY,
    /**
     * The daemon answered the handshake with an error (its connection limit) and closed the
     * connection; the message is the daemon's.
     */
    REFUSED,
    /** The daemon runs another version; the message says which and what to do. */
    VERSION
  }

  private final Kind kind;
  private final String message;

  CallFailure(Kind kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.message = message;
  }

  @Override
  public String getMessage() {
    return message;
  }

  Kind kind() {
    return kind;
  }
}
