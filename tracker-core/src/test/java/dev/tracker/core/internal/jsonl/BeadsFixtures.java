package dev.tracker.core.internal.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real beads fixtures, and what "semantically identical" means for a rewritten file: the same
 * lines as JSON trees, with empty values as absent and timestamps as instants. Used by the codec's
 * tests and by the tests that take the fixtures through the database.
 */
public final class BeadsFixtures {

  /** 679 issues, 251 of them tombstones. */
  public static final String V0_40_0 = "beads-v0.40.0.jsonl";

  /** 543 issues with design, acceptance criteria and the older keys. */
  public static final String NOVEMBER_2025 = "beads-2025-11-20.jsonl";

  // An independent reader for the comparison: plain Jackson, JDK timestamp parsing
  private static final JsonMapper PLAIN =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private BeadsFixtures() {}

  /** Copies a fixture to {@code target}, so that a test may write beside it. */
  public static Path copy(String name, Path target) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    try (InputStream in =
        Objects.requireNonNull(
            BeadsFixtures.class.getResourceAsStream("/fixtures/beads/" + name),
            "fixture " + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  /**
   * Compares line by line as JSON trees, with empty values as absent and timestamps as instants:
   * what the format says a rewrite must keep.
   */
  public static void assertSameLinesAsJson(byte[] original, byte[] written) {
    List<String> expected = lines(original);
    List<String> actual = lines(written);
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(normalize(PLAIN.readTree(actual.get(i))).toString())
          .as("line %d", i + 1)
          .isEqualTo(normalize(PLAIN.readTree(expected.get(i))).toString());
    }
  }

  private static List<String> lines(byte[] content) {
    return new String(content, UTF_8).lines().filter(line -> !line.isBlank()).toList();
  }

  private static JsonNode normalize(JsonNode node) {
    if (node.isArray()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      node.values().forEach(element -> array.add(normalize(element)));
      return array;
    }
    if (!node.isObject()) {
      return node;
    }
    Map<String, JsonNode> sorted = new TreeMap<>();
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      JsonNode value = normalize(property.getValue());
      if (isEmpty(value)) {
        continue;
      }
      String key = property.getKey();
      if (key.endsWith("_at") && value.isString()) {
        value = JsonNodeFactory.instance.stringNode(instant(value).toString());
      } else if (key.equals("labels")) {
        value = sorted(value, Comparator.comparing(JsonNode::stringValue));
      } else if (key.equals("dependencies")) {
        value =
            sorted(
                value,
                Comparator.comparing((JsonNode d) -> d.get("depends_on_id").stringValue())
                    .thenComparing(d -> d.get("type").stringValue()));
      } else if (key.equals("comments")) {
        value =
            sorted(
                value,
                Comparator.comparing((JsonNode c) -> instant(c.get("created_at")))
                    .thenComparing(c -> c.get("id").longValue()));
      }
      sorted.put(key, value);
    }
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    sorted.forEach(object::set);
    return object;
  }

  private static boolean isEmpty(JsonNode value) {
    return value.isNull()
        || (value.isString() && value.stringValue().isEmpty())
        || (value.isArray() && value.isEmpty());
  }

  private static Instant instant(JsonNode value) {
    return OffsetDateTime.parse(value.stringValue()).toInstant();
  }

  private static JsonNode sorted(JsonNode array, Comparator<JsonNode> order) {
    List<JsonNode> elements = new ArrayList<>(array.values());
    elements.sort(order);
    ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
    elements.forEach(sorted::add);
    return sorted;
  }
}
