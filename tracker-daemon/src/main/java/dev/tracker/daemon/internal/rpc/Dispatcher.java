package dev.tracker.daemon.internal.rpc;

import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerException;
import dev.tracker.core.TrackerService;
import dev.tracker.core.internal.protocol.Method;
import dev.tracker.core.internal.protocol.Params;
import dev.tracker.core.internal.protocol.RpcError;
import dev.tracker.core.internal.protocol.Wire;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.internal.scheduler.Background;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one JSON-RPC request line, calls what it names and writes the answer: the daemon's own
 * methods ({@code health}, {@code status}, {@code sync}, {@code export}, {@code import}, {@code
 * stop}) here, the issue methods through {@link IssueCalls}. Syncs, exports and imports run on the
 * background thread, so they never overlap with the periodic ones.
 *
 * <p>A line that is not JSON gets -32700, one that is not a request object -32600, an unknown
 * method -32601, in each case with the request's id when it could be read and null otherwise. A
 * request without an id is a notification: it runs and gets no answer (unless it is not a request
 * at all). After a successful call whose method {@link Method#mutates() mutates}, the debounced
 * export is (re)scheduled.
 */
public final class Dispatcher implements RequestHandler {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final int MAX_ECHOED = 200;

  private final TrackerService service;
  private final Background background;
  private final Reports reports;
  private final Runnable stopAsync;

  public Dispatcher(
      TrackerService service,
      Background background,
      DaemonInfo info,
      LongSupplier ticker,
      Runnable stopAsync) {
    this.service = service;
    this.background = background;
    this.reports = new Reports(service, info, background.syncs(), background::awaitWarmUp, ticker);
    this.stopAsync = stopAsync;
  }

  @Override
  public Reply handle(byte[] line, int length) {
    if (blank(line, length)) {
      return Reply.NONE;
    }
    JsonNode request;
    try {
      request = Wire.JSON.readTree(line, 0, length);
    } catch (JacksonException e) {
      return Reply.of(
          Responses.error(
              null, RpcError.PARSE_ERROR, "Parse error: " + brief(e.getOriginalMessage())));
    }
    if (request == null || !request.isObject()) {
      return invalid(null, "not a JSON object");
    }
    JsonNode id = request.get("id");
    if (id != null && !id.isString() && !id.isNumber() && !id.isNull()) {
      return invalid(null, "'id' must be a string, a number or null");
    }
    JsonNode version = request.get("jsonrpc");
    if (version == null || !version.isString() || !"2.0".equals(version.stringValue())) {
      return invalid(id, "'jsonrpc' must be \"2.0\"");
    }
    JsonNode name = request.get("method");
    if (name == null || !name.isString()) {
      return invalid(id, "'method' must be a string");
    }
    Optional<Method> method = Method.named(name.stringValue());
    if (method.isEmpty()) {
      return answer(id, RpcError.unknownMethod(brief(name.stringValue())));
    }
    try {
      Params params = new Params(request.get("params"));
      JsonNode result = call(method.get(), params);
      if (method.get().mutates()) {
        background.mutated();
      }
      Runnable after = method.get() == Method.STOP ? stopAsync : () -> {};
      return new Reply(id == null ? null : Responses.result(id, result), after);
    } catch (RuntimeException e) {
      RpcError error = RpcError.of(e);
      if (error.code() == RpcError.INTERNAL_ERROR) {
        LOG.warn("{} failed", method.get().wireName(), e);
      }
      return answer(id, error);
    }
  }

  private JsonNode call(Method method, Params params) {
    return switch (method) {
      case HEALTH -> reports.health();
      case STATUS -> reports.status();
      case SYNC -> sync();
      case EXPORT -> Wire.export(result(background.exportNow()));
      case IMPORT -> Wire.imported(result(background.importNow(importPath(params))));
      case STOP -> stopping();
      default -> IssueCalls.call(service, method, params);
    };
  }

  /** A failed sync is a result with {@code status: error}, not a protocol error. */
  private JsonNode sync() {
    try {
      Run<SyncResult> run = background.syncNow();
      if (run.result().isPresent()) {
        return Wire.sync(run.result().get());
      }
      return Wire.syncFailure(run.error().orElse("unknown failure"), run.duration());
    } catch (TrackerException e) {
      return Wire.syncFailure(String.valueOf(e.getMessage()), Duration.ZERO);
    }
  }

  private Path importPath(Params params) {
    String path = params.optionalString("path");
    if (path == null) {
      return service.config().exportPath();
    }
    return service.config().workspace().resolve(path);
  }

  private static <R> R result(Run<R> run) {
    if (run.failure().isPresent()) {
      throw run.failure().get();
    }
    return run.result().orElseThrow();
  }

  private static ObjectNode stopping() {
    ObjectNode node = Wire.JSON.createObjectNode();
    node.put("status", "stopping");
    return node;
  }

  private static Reply invalid(@Nullable JsonNode id, String why) {
    return Reply.of(Responses.error(id, RpcError.INVALID_REQUEST, "Invalid request: " + why));
  }

  private static Reply answer(@Nullable JsonNode id, RpcError error) {
    return id == null ? Reply.NONE : Reply.of(Responses.error(id, error));
  }

  private static boolean blank(byte[] line, int length) {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Text from the request echoed in an answer, cut short: a hostile line must not come back whole.
   */
  private static String brief(@Nullable String text) {
    String value = String.valueOf(text);
    return value.length() <= MAX_ECHOED ? value : value.substring(0, MAX_ECHOED) + "...";
  }
}
