package dev.tracker.core.internal.protocol;

import dev.tracker.core.ConflictException;
import dev.tracker.core.IssueNotFoundException;
import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerException;
import dev.tracker.core.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * A JSON-RPC error: its code and message, and the mapping between codes and the API's exceptions,
 * so that a call through the daemon fails with the same exception as one in-process.
 */
public final class RpcError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;
  public static final int NOT_FOUND = -32001;
  public static final int VALIDATION = -32002;
  public static final int CONFLICT = -32003;
  public static final int STORAGE_UNAVAILABLE = -32004;

  /**
   * The daemon serves as many connections as it may; sent with id null to a connection beyond the
   * limit, which is then closed. A client may retry later.
   */
  public static final int TOO_MANY_CONNECTIONS = -32000;

  private final int code;
  private final String message;
  private final @Nullable String issueId;

  public RpcError(int code, String message) {
    this(code, message, null);
  }

  private RpcError(int code, String message, @Nullable String issueId) {
    super(message);
    this.code = code;
    this.message = message;
    this.issueId = issueId;
  }

  @Override
  public String getMessage() {
    return message;
  }

  public int code() {
    return code;
  }

  /** For {@link #NOT_FOUND}: the id that was not found, sent as {@code data.id}. */
  public @Nullable String issueId() {
    return issueId;
  }

  public static RpcError unknownMethod(String name) {
    return new RpcError(METHOD_NOT_FOUND, "Unknown method: " + name);
  }

  public static RpcError invalidParams(String message) {
    return new RpcError(INVALID_PARAMS, "Invalid params: " + message);
  }

  /** The error a daemon answers for a failure of the tracker. */
  public static RpcError of(RuntimeException failure) {
    if (failure instanceof RpcError error) {
      return error;
    }
    String message = String.valueOf(failure.getMessage());
    if (failure instanceof IssueNotFoundException notFound) {
      return new RpcError(NOT_FOUND, message, notFound.issueId());
    }
    if (failure instanceof ValidationException) {
      return new RpcError(VALIDATION, message);
    }
    if (failure instanceof ConflictException) {
      return new RpcError(CONFLICT, message);
    }
    if (failure instanceof StorageException) {
      return new RpcError(STORAGE_UNAVAILABLE, message);
    }
    return new RpcError(INTERNAL_ERROR, failure.getClass().getSimpleName() + ": " + message);
  }

  /** The exception a client throws for an error the daemon answered. */
  public static TrackerException toException(int code, String message, @Nullable String issueId) {
    return switch (code) {
      case NOT_FOUND ->
          issueId != null ? new IssueNotFoundException(issueId) : new TrackerException(message);
      case VALIDATION, INVALID_PARAMS -> new ValidationException(message);
      case CONFLICT -> new ConflictException(message);
      case STORAGE_UNAVAILABLE -> new StorageException(message);
      default -> new TrackerException("The daemon failed (" + code + "): " + message);
    };
  }
}
