package dev.tracker.core.internal.jsonl;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Where the field kinds write their values: the few JSON tokens a line of the format has. */
public final class JsonOut {

  private final JsonGenerator generator;
  private final JsonMapper mapper;

  JsonOut(JsonGenerator generator, JsonMapper mapper) {
    this.generator = generator;
    this.mapper = mapper;
  }

  public void name(String key) {
    generator.writeName(key);
  }

  public void string(String value) {
    generator.writeString(value);
  }

  public void number(long value) {
    generator.writeNumber(value);
  }

  /** An instant as the format writes a new one. */
  public void instant(Instant value) {
    generator.writeString(Timestamps.format(value));
  }

  /** JSON text, written as it is: the caller has checked it is one value. */
  public void raw(String json) {
    generator.writeRawValue(json);
  }

  public void startObject() {
    generator.writeStartObject();
  }

  public void endObject() {
    generator.writeEndObject();
  }

  public void startArray() {
    generator.writeStartArray();
  }

  public void endArray() {
    generator.writeEndArray();
  }

  /**
   * Keys this library does not know, with their raw values. They are written raw, so each is
   * checked: a bad one would make the whole file unreadable.
   *
   * @throws IllegalArgumentException if a key is one of {@code known}, or a value is not one JSON
   *     value
   */
  public void extras(Map<String, String> extras, Set<String> known, String id) {
    for (Map.Entry<String, String> extra : extras.entrySet()) {
      if (known.contains(extra.getKey())) {
        throw new IllegalArgumentException(
            "issue '" + id + "': extra key '" + extra.getKey() + "' is a key of the format");
      }
      if (!isOneJsonValue(extra.getValue())) {
        throw new IllegalArgumentException(
            "issue '"
                + id
                + "': extra '"
                + extra.getKey()
                + "' is not one JSON value, was '"
                + extra.getValue()
                + "'");
      }
      name(extra.getKey());
      raw(extra.getValue());
    }
  }

  private boolean isOneJsonValue(String text) {
    try {
      return !mapper.readTree(text).isMissingNode();
    } catch (JacksonException e) {
      return false;
    }
  }
}
