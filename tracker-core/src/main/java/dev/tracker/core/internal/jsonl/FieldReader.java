package dev.tracker.core.internal.jsonl;

import dev.tracker.core.JsonlFormatException;
import dev.tracker.core.ValidationException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the fields of one JSON object: a line (the issue, or one of its dependencies or comments),
 * or the params of a request. Every failure names the field, by its path in the line such as {@code
 * dependencies[2].created_at} or as the protocol quotes a param, and the value found. A JSON {@code
 * null} counts as absent.
 */
public final class FieldReader {

  private static final int MAX_SHOWN_LENGTH = 80;

  private final JsonMapper mapper;
  private final Errors errors;
  private final String path;
  private final JsonNode node;

  private FieldReader(JsonMapper mapper, Errors errors, String path, JsonNode node) {
    this.mapper = mapper;
    this.errors = errors;
    this.path = path;
    this.node = node;
  }

  /** How a reader names a field and what it throws. */
  public interface Errors {
    /** The name of a field at a path, as messages show it. */
    String name(String path);

    /** The exception for a problem, whose message names the field. */
    RuntimeException error(String problem);
  }

  /** A reader for the whole line, which must be a JSON object. */
  static FieldReader ofLine(JsonMapper mapper, Path file, int line, JsonNode node) {
    if (!node.isObject()) {
      throw new JsonlFormatException(file, line, "a line must be a JSON object, was " + show(node));
    }
    Errors errors =
        new Errors() {
          @Override
          public String name(String path) {
            return path;
          }

          @Override
          public RuntimeException error(String problem) {
            return new JsonlFormatException(file, line, problem);
          }
        };
    return new FieldReader(mapper, errors, "", node);
  }

  /** A reader for any JSON object, whose failures are named and thrown as {@code errors} says. */
  public static FieldReader of(JsonMapper mapper, JsonNode object, Errors errors) {
    if (!object.isObject()) {
      throw errors.error("must be a JSON object, was " + show(object));
    }
    return new FieldReader(mapper, errors, "", object);
  }

  /** The elements of an array field, each of which must be an object; empty when absent. */
  public List<FieldReader> objects(String key) {
    List<FieldReader> readers = new ArrayList<>();
    List<JsonNode> elements = array(key);
    for (int i = 0; i < elements.size(); i++) {
      String elementPath = name(key) + "[" + i + "]";
      JsonNode element = elements.get(i);
      if (!element.isObject()) {
        throw error(elementPath + " must be a JSON object, was " + show(element));
      }
      readers.add(new FieldReader(mapper, errors, elementPath, element));
    }
    return readers;
  }

  /** The strings of an array field; empty when absent. */
  public List<String> strings(String key) {
    List<JsonNode> elements = array(key);
    List<String> strings = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      JsonNode element = elements.get(i);
      if (!element.isString()) {
        throw error(name(key) + "[" + i + "] must be a string, was " + show(element));
      }
      strings.add(element.stringValue());
    }
    return strings;
  }

  public boolean has(String key) {
    return value(key) != null;
  }

  public String requiredString(String key) {
    String value = string(key);
    if (value == null) {
      throw error(name(key) + " is required");
    }
    return value;
  }

  public String string(String key, String ifAbsent) {
    String value = string(key);
    return value == null ? ifAbsent : value;
  }

  public @Nullable String string(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return null;
    }
    if (!value.isString()) {
      throw invalid(key, "must be a string", value);
    }
    return value.stringValue();
  }

  /** A string field turned into an open-set value such as a status; null when absent. */
  public <T> @Nullable T token(String key, Function<String, T> of) {
    String value = string(key);
    return value == null ? null : convert(value, of);
  }

  /** A required string field turned into an open-set value such as a dependency type. */
  public <T> T requiredToken(String key, Function<String, T> of) {
    return convert(requiredString(key), of);
  }

  private <T> T convert(String value, Function<String, T> of) {
    try {
      return of.apply(value);
    } catch (ValidationException e) {
      // the value types name the field but cannot know where in the line it is
      String problem = String.valueOf(e.getMessage());
      throw error(path.isEmpty() ? problem : path + ": " + problem);
    }
  }

  /** An integer field that fits in 32 bits; null when absent. */
  public @Nullable Integer integer(String key) {
    JsonNode value = integer(key, 32);
    return value == null ? null : value.intValue();
  }

  public OptionalLong longValue(String key) {
    JsonNode value = integer(key, 64);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value.longValue());
  }

  private @Nullable JsonNode integer(String key, int bits) {
    JsonNode value = value(key);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      throw invalid(key, "must be an integer", value);
    }
    if (!(bits == 32 ? value.canConvertToInt() : value.canConvertToLong())) {
      throw invalid(key, "must be an integer that fits in " + bits + " bits", value);
    }
    return value;
  }

  public Instant instant(String key, Instant ifAbsent) {
    Instant value = instant(key);
    return value == null ? ifAbsent : value;
  }

  public @Nullable Instant instant(String key) {
    String text = string(key);
    if (text == null) {
      return null;
    }
    try {
      return Timestamps.parse(text);
    } catch (DateTimeException e) {
      throw error(name(key) + " must be an RFC 3339 timestamp, was " + quote(text));
    }
  }

  /** The keys not in {@code known}, each with its value as compact JSON text. */
  public Map<String, String> extras(Set<String> known) {
    Map<String, String> extras = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      if (!known.contains(property.getKey())) {
        extras.put(property.getKey(), mapper.writeValueAsString(property.getValue()));
      }
    }
    return extras;
  }

  /** The path of this object in its line, such as {@code comments[0]}; empty for the line. */
  public String path() {
    return path;
  }

  /** The path of a field of this object, as messages name it. */
  public String name(String key) {
    return errors.name(path.isEmpty() ? key : path + "." + key);
  }

  public RuntimeException invalid(String key, String requirement, JsonNode value) {
    return error(name(key) + " " + requirement + ", was " + show(value));
  }

  public RuntimeException error(String problem) {
    return errors.error(problem);
  }

  /** A string as JSON text, quoted and escaped. */
  public static String quote(String value) {
    return show(JsonNodeFactory.instance.stringNode(value));
  }

  /** A value as JSON text, cut short so that a long description does not flood the message. */
  public static String show(JsonNode value) {
    String text = value.toString();
    return text.length() <= MAX_SHOWN_LENGTH
        ? text
        : text.substring(0, MAX_SHOWN_LENGTH - 3) + "...";
  }

  private List<JsonNode> array(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw invalid(key, "must be an array", value);
    }
    return List.copyOf(value.values());
  }

  private @Nullable JsonNode value(String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value;
  }
}
