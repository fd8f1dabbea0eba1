package dev.tracker.daemon.internal.rpc;

import dev.tracker.core.internal.protocol.RpcError;
import dev.tracker.core.internal.protocol.Wire;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 response lines, each ending in {@code \n}. */
public final class Responses {

  private Responses() {}

  /** {@code {"jsonrpc":"2.0","id":...,"result":...}} */
  public static byte[] result(JsonNode id, JsonNode result) {
    ObjectNode response = envelope(id);
    response.set("result", result);
    return line(response);
  }

  /** {@code {"jsonrpc":"2.0","id":...,"error":{"code":...,"message":...}}}; a null id for none. */
  public static byte[] error(@Nullable JsonNode id, int code, String message) {
    return line(errorNode(id, code, message));
  }

  /** The error for a failure; a not-found error carries the id in {@code data.id}. */
  public static byte[] error(@Nullable JsonNode id, RpcError error) {
    ObjectNode response = errorNode(id, error.code(), error.getMessage());
    String issueId = error.issueId();
    if (issueId != null) {
      ((ObjectNode) response.get("error")).putObject("data").put("id", issueId);
    }
    return line(response);
  }

  /** The line a connection beyond the limit gets before it is closed. */
  public static byte[] tooManyConnections(int limit) {
    return error(null, RpcError.TOO_MANY_CONNECTIONS, "Too many connections (limit " + limit + ")");
  }

  /** The line a connection gets before it is closed for a line longer than the limit. */
  public static byte[] lineTooLong(int maxBytes) {
    return error(
        null,
        RpcError.INVALID_REQUEST,
        "Invalid request: a line is longer than " + maxBytes + " bytes (1 MiB); closing");
  }

  private static ObjectNode errorNode(@Nullable JsonNode id, int code, String message) {
    ObjectNode response = envelope(id);
    ObjectNode error = response.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return response;
  }

  private static ObjectNode envelope(@Nullable JsonNode id) {
    ObjectNode response = Wire.JSON.createObjectNode();
    response.put("jsonrpc", "2.0");
    if (id == null) {
      response.putNull("id");
    } else {
      response.set("id", id);
    }
    return response;
  }

  private static byte[] line(JsonNode response) {
    byte[] json = Wire.JSON.writeValueAsBytes(response);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }
}
