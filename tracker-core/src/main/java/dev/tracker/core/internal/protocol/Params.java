package dev.tracker.core.internal.protocol;

import dev.tracker.core.internal.jsonl.FieldReader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code params} object of a request, read field by field. A missing required field or a value
 * of the wrong type is an {@link RpcError#INVALID_PARAMS} error that names the field.
 */
public final class Params {

  private final JsonNode params;

  /** Wraps a request's params; a missing or {@code null} params object reads as empty. */
  public Params(@Nullable JsonNode params) {
    if (params != null && !params.isNull() && !params.isMissingNode() && !params.isObject()) {
      throw RpcError.invalidParams("params must be an object");
    }
    this.params = params == null ? Wire.JSON.createObjectNode() : params;
  }

  /**
   * The params as fields of an issue are read: a param of the wrong type is an invalid-params error
   * that quotes its name.
   */
  public FieldReader fields() {
    return FieldReader.of(
        Wire.JSON,
        params,
        new FieldReader.Errors() {
          @Override
          public String name(String path) {
            return "'" + path + "'";
          }

          @Override
          public RuntimeException error(String problem) {
            return RpcError.invalidParams(problem);
          }
        });
  }

  public String string(String name) {
    String value = optionalString(name);
    if (value == null) {
      throw RpcError.invalidParams("'" + name + "' is required");
    }
    return value;
  }

  public @Nullable String optionalString(String name) {
    JsonNode value = present(name);
    if (value == null) {
      return null;
    }
    if (!value.isString()) {
      throw wrongType(name, "a string", value);
    }
    return value.stringValue();
  }

  public @Nullable Integer optionalInt(String name) {
    JsonNode value = present(name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw wrongType(name, "an integer", value);
    }
    return value.intValue();
  }

  /** A list of strings; a single string counts as a list of one. */
  public List<String> strings(String name) {
    JsonNode value = present(name);
    if (value == null) {
      return List.of();
    }
    if (value.isString()) {
      return List.of(value.stringValue());
    }
    if (!value.isArray()) {
      throw wrongType(name, "a string or an array of strings", value);
    }
    List<String> strings = new ArrayList<>();
    for (JsonNode element : value.values()) {
      if (!element.isString()) {
        throw wrongType(name, "an array of strings", value);
      }
      strings.add(element.stringValue());
    }
    return strings;
  }

  private @Nullable JsonNode present(String name) {
    JsonNode value = params.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private static RpcError wrongType(String name, String expected, JsonNode value) {
    String shown = value.toString();
    if (shown.length() > 80) {
      shown = shown.substring(0, 77) + "...";
    }
    return RpcError.invalidParams("'" + name + "' must be " + expected + ", was " + shown);
  }
}
