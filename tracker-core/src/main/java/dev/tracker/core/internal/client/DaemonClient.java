package dev.tracker.core.internal.client;

import dev.tracker.core.DaemonUnavailableException;
import dev.tracker.core.TrackerException;
import dev.tracker.core.Version;
import dev.tracker.core.internal.client.CallFailure.Kind;
import dev.tracker.core.internal.protocol.Method;
import dev.tracker.core.internal.protocol.RpcError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls the daemon of one socket. Thread-safe; starts no thread.
 *
 * <pre>{@code
 * try (DaemonClient client = new DaemonClient(socket)) {
 *   JsonNode status = client.call(Method.STATUS, null);
 * }
 * }</pre>
 *
 * <p><b>Connections.</b> None is opened before the first call. A call takes an idle connection, or
 * opens one while fewer than the pool size are open, or waits for one to come back; the wait counts
 * against the call's timeout. A new connection first asks for {@code health} and is used only if
 * the daemon runs this library's {@link Version}. Idle connections stay open until {@link #close()}
 * or until the daemon closes them.
 *
 * <p><b>Timeouts.</b> Every call has a deadline (30 s unless set) that covers waiting for a
 * connection, connecting, sending and reading. The wait is a select on the connection's own
 * selector; no thread watches the clock. A call past its deadline closes its connection, so that a
 * late answer is never read as the answer to another request.
 *
 * <p><b>Failures.</b> An error answer throws the exception an embedded service would throw ({@link
 * RpcError#toException}). A connection that breaks is closed and never reused. The call is sent
 * again, once, on a new connection when nothing of it had been written (an idle connection the
 * daemon closed, for instance); once written, it is never sent again, because it may have been
 * carried out. A daemon that cannot be reached, answers too late, breaks the connection or runs
 * another version, or refuses the connection (its connection limit), is a {@link
 * DaemonUnavailableException} naming the socket; an answer that is not JSON-RPC is a {@link
 * TrackerException}.
 */
public final class DaemonClient implements AutoCloseable {

  /** How long a call may take unless configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** How many connections a client keeps open at most unless configured. */
  public static final int DEFAULT_POOL_SIZE = 4;

  private final Path socket;
  private final Duration timeout;
  private final int poolSize;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition returned = lock.newCondition();
  // guarded by lock: the idle connections (most recently used first), every open one, and how
  // many are open or being opened
  private final Deque<Connection> idle = new ArrayDeque<>();
  private final Set<Connection> open = new HashSet<>();
  private int slotsTaken;
  private boolean closed;

  /** A client of the daemon at this socket, with the default timeout and pool size. */
  public DaemonClient(Path socket) {
    this(socket, DEFAULT_TIMEOUT, DEFAULT_POOL_SIZE);
  }

  /**
   * A client of the daemon at this socket.
   *
   * @param timeout how long a call may take, positive
   * @param poolSize how many connections may be open at once, positive
   */
  public DaemonClient(Path socket, Duration timeout, int poolSize) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be positive, was " + poolSize);
    }
    this.socket = socket;
    this.timeout = timeout;
    this.poolSize = poolSize;
  }

  /** The daemon's socket. */
  public Path socket() {
    return socket;
  }

  /** How long a call may take. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Calls a method and returns its {@code result}.
   *
   * @param params the params object, or null to send none
   * @throws TrackerException the exception of the daemon's error answer, or why there is no answer
   * @throws IllegalStateException if the client is closed
   */
  public JsonNode call(Method method, @Nullable ObjectNode params) {
    return call(method, params, timeout);
  }

  /** Calls a method with a timeout of its own; see {@link #call(Method, ObjectNode)}. */
  public JsonNode call(Method method, @Nullable ObjectNode params, Duration timeout) {
    ObjectNode answer;
    try {
      answer = exchange(method, params, deadline(timeout));
    } catch (CallFailure failure) {
      throw toException(failure, method, timeout);
    }
    JsonNode error = answer.get("error");
    if (error != null) {
      JsonNode id = error.path("data").path("id");
      throw RpcError.toException(
          error.path("code").intValue(),
          error.path("message").stringValue(),
          id.isString() ? id.stringValue() : null);
    }
    return answer.path("result");
  }

  /**
   * Asks the daemon for {@code health} within the timeout; the connection it used stays in the
   * pool. Empty when no daemon answers (no socket, refused, broken, too slow, not the protocol) or
   * the daemon refuses the connection (its connection limit).
   *
   * @throws DaemonUnavailableException if a daemon answers but runs another version
   */
  public Optional<JsonNode> probe(Duration timeout) {
    try {
      ObjectNode answer = exchange(Method.HEALTH, null, deadline(timeout));
      return answer.has("result") ? Optional.of(answer.path("result")) : Optional.empty();
    } catch (CallFailure failure) {
      if (failure.kind() == Kind.VERSION || failure.kind() == Kind.INTERRUPTED) {
        throw toException(failure, Method.HEALTH, timeout);
      }
      return Optional.empty();
    }
  }

  /**
   * Asks the daemon to stop, within the timeout.
   *
   * @return true when it answered that it is stopping; false when nothing accepts the connection or
   *     the connection closed before the answer, which is what a daemon that is already shutting
   *     down does (it stops accepting first, and closes connections whose requests it will not
   *     answer) A daemon of another version is stopped too: that is how a user gets out of a
   *     mismatch.
   * @throws DaemonUnavailableException if the daemon refused the connection (its connection limit)
   *     or did not answer in time
   */
  public boolean stop() {
    try {
      ObjectNode answer = exchange(Method.STOP, null, deadline(timeout));
      JsonNode error = answer.get("error");
      if (error != null && error.path("code").intValue() == RpcError.TOO_MANY_CONNECTIONS) {
        // stop skips the handshake, so the daemon's refusal line is the answer it reads
        throw toException(
            new CallFailure(Kind.REFUSED, error.path("message").asString(), null),
            Method.STOP,
            timeout);
      }
      if (error != null) {
        throw RpcError.toException(
            error.path("code").intValue(), error.path("message").asString(), null);
      }
      return true;
    } catch (CallFailure failure) {
      return switch (failure.kind()) {
        case UNREACHABLE, LOST, NOT_SENT -> false;
        default -> throw toException(failure, Method.STOP, timeout);
      };
    }
  }

  private static long deadline(Duration timeout) {
    return System.nanoTime() + timeout.toNanos();
  }

  private ObjectNode exchange(Method method, @Nullable ObjectNode params, long deadline)
      throws CallFailure {
    boolean retried = false;
    while (true) {
      Connection connection = acquire(deadline, retried);
      try {
        // stop is the way out of a version mismatch, so it goes to a daemon of any version
        if (!connection.verified() && method != Method.STOP) {
          ObjectNode health = handshake(connection, deadline);
          if (method == Method.HEALTH) {
            return health;
          }
        }
        return connection.exchange(method.wireName(), params, deadline);
      } catch (CallFailure failure) {
        if (failure.kind() != Kind.NOT_SENT || retried) {
          throw failure;
        }
        retried = true;
      } finally {
        giveBack(connection);
      }
    }
  }

  /** Checks a new connection's daemon: the same version as this library, or nothing goes there. */
  private ObjectNode handshake(Connection connection, long deadline) throws CallFailure {
    ObjectNode health;
    try {
      health = connection.exchange(Method.HEALTH.wireName(), null, deadline);
    } catch (CallFailure failure) {
      // the caller's request has not gone out yet: whatever broke, sending it again is safe
      throw failure.kind() == Kind.LOST
          ? new CallFailure(Kind.NOT_SENT, failure.getMessage(), failure)
          : failure;
    }
    JsonNode error = health.get("error");
    if (error != null) {
      // a connection beyond the daemon's limit gets one error line (id null) and is closed
      connection.close();
      throw new CallFailure(Kind.REFUSED, error.path("message").asString(), null);
    }
    JsonNode version = health.path("result").path("version");
    String theirs = version.isString() ? version.stringValue() : "unknown";
    if (!theirs.equals(Version.current())) {
      connection.close();
      throw new CallFailure(
          Kind.VERSION,
          "The tracker daemon at "
              + socket
              + " runs version "
              + theirs
              + ", this library is version "
              + Version.current()
              + ". Restart the daemon with this version: `tracker daemon stop`, then `tracker"
              + " daemon start`.",
          null);
    }
    connection.markVerified();
    return health;
  }

  /**
   * An idle connection, or a new one if {@code fresh} or none is idle; waits while all are used.
   */
  private Connection acquire(long deadline, boolean fresh) throws CallFailure {
    lock.lock();
    try {
      while (true) {
        requireOpen();
        if (!fresh && !idle.isEmpty()) {
          return idle.pop();
        }
        if (slotsTaken < poolSize) {
          slotsTaken++;
          break;
        }
        if (fresh && !idle.isEmpty()) {
          // make room for the new connection: the one idle longest goes, its slot is reused
          Connection oldest = idle.removeLast();
          open.remove(oldest);
          oldest.close();
          break;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new CallFailure(Kind.BUSY, "all " + poolSize + " connections stayed in use", null);
        }
        returned.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallFailure(Kind.INTERRUPTED, "interrupted", e);
    } finally {
      lock.unlock();
    }
    return connect(deadline);
  }

  /** Opens a connection in a slot already taken; gives the slot back if it fails. */
  private Connection connect(long deadline) throws CallFailure {
    Connection connection;
    try {
      connection = Connection.open(socket, deadline);
    } catch (IOException e) {
      freeSlot();
      // an interrupt closes the channel while it connects: report it as what it is
      throw Thread.currentThread().isInterrupted()
          ? new CallFailure(Kind.INTERRUPTED, "interrupted", e)
          : new CallFailure(Kind.UNREACHABLE, String.valueOf(e.getMessage()), e);
    } catch (RuntimeException e) {
      freeSlot();
      throw e;
    }
    lock.lock();
    try {
      if (closed) {
        connection.close();
        slotsTaken--;
        throw closedException();
      }
      open.add(connection);
      return connection;
    } finally {
      lock.unlock();
    }
  }

  private void freeSlot() {
    lock.lock();
    try {
      slotsTaken--;
      returned.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Puts a connection back in the pool, or closes it if it may not carry another request. */
  private void giveBack(Connection connection) {
    lock.lock();
    try {
      if (connection.reusable() && !closed) {
        idle.push(connection);
      } else {
        connection.close();
        if (open.remove(connection)) {
          slotsTaken--;
        }
      }
      returned.signal();
    } finally {
      lock.unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw closedException();
    }
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("This DaemonClient is closed (socket " + socket + ")");
  }

  private RuntimeException toException(CallFailure failure, Method method, Duration timeout) {
    lock.lock();
    try {
      if (closed) {
        return closedException();
      }
    } finally {
      lock.unlock();
    }
    String daemon = "The tracker daemon at " + socket;
    String call = method.wireName();
    return switch (failure.kind()) {
      case UNREACHABLE ->
          new DaemonUnavailableException(
              "No tracker daemon answers at "
                  + socket
                  + " ("
                  + failure.getMessage()
                  + "). Start one in the workspace with `tracker daemon start`.",
              failure);
      case VERSION -> new DaemonUnavailableException(failure.getMessage(), failure);
      case REFUSED ->
          new DaemonUnavailableException(
              daemon
                  + " refused the connection ("
                  + failure.getMessage()
                  + "); "
                  + call
                  + " was not sent. Try again when fewer clients are connected.",
              failure);
      case BUSY ->
          new DaemonUnavailableException(
              "No connection to the tracker daemon at "
                  + socket
                  + " became free within "
                  + format(timeout)
                  + " for "
                  + call
                  + ": all "
                  + poolSize
                  + " stayed in use.",
              failure);
      case TIMED_OUT ->
          new DaemonUnavailableException(
              daemon
                  + " did not answer "
                  + call
                  + " within "
                  + format(timeout)
                  + "; the connection was closed. A change the call asked for may still be made.",
              failure);
      case NOT_SENT ->
          new DaemonUnavailableException(
              daemon
                  + " closed the connection twice before "
                  + call
                  + " could be sent ("
                  + failure.getMessage()
                  + "); nothing was sent.",
              failure);
      case LOST ->
          new DaemonUnavailableException(
              daemon
                  + " closed the connection before answering "
                  + call
                  + " ("
                  + failure.getMessage()
                  + "). The request had been sent: a change it asked for may have been made.",
              failure);
      case MALFORMED ->
          new TrackerException(
              daemon
                  + " answered "
                  + call
                  + " with something that is not its JSON-RPC answer ("
                  + failure.getMessage()
                  + "); the connection was closed.",
              failure);
      case INTERRUPTED ->
          new TrackerException(
              "Interrupted while calling " + call + " on the tracker daemon at " + socket, failure);
    };
  }

  private static String format(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  /**
   * Closes every connection, idle or in use; a call in flight fails with {@link
   * IllegalStateException}, and so does every later call. Idempotent; waits for nothing, since the
   * client has no thread.
   */
  @Override
  public void close() {
    List<Connection> toClose;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(open);
      open.clear();
      idle.clear();
      returned.signalAll();
    } finally {
      lock.unlock();
    }
    toClose.forEach(Connection::close);
  }

  @Override
  public String toString() {
    return "DaemonClient[" + socket + "]";
  }
}
