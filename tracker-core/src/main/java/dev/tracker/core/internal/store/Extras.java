package dev.tracker.core.internal.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keys this library does not know, stored as one JSON object per row so that they survive a round
 * trip through the database unchanged.
 */
final class Extras {

  // numbers are kept exactly as written: 1.50 stays 1.50
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Extras() {}

  /** The JSON object for the map of raw values, or {@code null} for an empty map. */
  static @Nullable String toColumn(Map<String, String> extras) {
    if (extras.isEmpty()) {
      return null;
    }
    ObjectNode object = JSON.createObjectNode();
    extras.forEach((key, raw) -> object.set(key, JSON.readTree(raw)));
    return JSON.writeValueAsString(object);
  }

  /** The map of raw values stored in a column. */
  static Map<String, String> fromColumn(@Nullable String column) {
    if (column == null) {
      return Map.of();
    }
    JsonNode object = JSON.readTree(column);
    Map<String, String> extras = new LinkedHashMap<>();
    object.forEachEntry((key, value) -> extras.put(key, JSON.writeValueAsString(value)));
    return extras;
  }
}
