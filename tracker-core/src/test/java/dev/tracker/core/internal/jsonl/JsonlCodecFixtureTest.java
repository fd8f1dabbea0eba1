package dev.tracker.core.internal.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Dependency;
import dev.tracker.core.Issue;
import dev.tracker.core.Status;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Real beads files: read, written and read again, nothing lost. */
class JsonlCodecFixtureTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  // An independent reader for the comparison: plain Jackson, JDK timestamp parsing
  private static final JsonMapper PLAIN =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final JsonlCodec codec = new JsonlCodec();

  @TempDir Path dir;

  @Test
  void beads_v0_40_0_round_trips_without_loss() throws IOException {
    List<Issue> issues = roundTrip("beads-v0.40.0.jsonl");

    assertThat(issues).hasSize(679);
    assertThat(issues).filteredOn(Issue::isTombstone).hasSize(251);
    assertThat(issues)
        .filteredOn(issue -> issue.status().equals(Status.TOMBSTONE))
        .allSatisfy(
            tombstone -> {
              assertThat(tombstone.deletedAt()).isNotNull();
              assertThat(tombstone.deletedBy()).isNotEmpty();
              assertThat(tombstone.deleteReason()).isNotEmpty();
              assertThat(tombstone.originalType()).isNotEmpty();
            });
    assertThat(issues).filteredOn(issue -> issue.extras().containsKey("pinned")).hasSize(7);
    assertThat(issues.stream().flatMap(issue -> issue.dependencies().stream()))
        .filteredOn(dependency -> dependency.extras().containsKey("metadata"))
        .hasSize(102)
        .extracting(Dependency::extras)
        .containsOnly(Map.of("metadata", "\"{}\""));
    assertThat(issues).filteredOn(issue -> !issue.comments().isEmpty()).hasSize(5);
  }

  @Test
  void beads_2025_11_20_round_trips_without_loss() throws IOException {
    List<Issue> issues = roundTrip("beads-2025-11-20.jsonl");

    assertThat(issues).hasSize(543);
    assertThat(issues)
        .allSatisfy(
            issue -> assertThat(issue.extras()).containsOnlyKeys("content_hash", "source_repo"));
    assertThat(issues).filteredOn(issue -> !issue.acceptanceCriteria().isEmpty()).hasSize(86);
    assertThat(issues).filteredOn(issue -> !issue.design().isEmpty()).hasSize(50);
  }

  /** Decodes, encodes and decodes again; returns the issues first read. */
  private List<Issue> roundTrip(String fixture) throws IOException {
    Path file = copyFixture(fixture);
    byte[] original = Files.readAllBytes(file);

    List<Issue> read = codec.decode(file, NOW);
    byte[] written = codec.encode(read);
    List<Issue> readAgain = codec.decode(file, written, NOW);

    assertThat(readAgain)
        .extracting(Issue::id)
        .containsExactlyElementsOf(read.stream().map(Issue::id).toList());
    assertThat(readAgain).isEqualTo(read);
    assertThat(codec.encode(readAgain)).isEqualTo(written);
    assertSameLinesAsJson(original, written);
    return read;
  }

  /**
   * Compares line by line as JSON trees, with empty values as absent and timestamps as instants:
   * what the format says a rewrite must keep.
   */
  private static void assertSameLinesAsJson(byte[] original, byte[] written) {
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

  private Path copyFixture(String name) throws IOException {
    Path copy = dir.resolve("issues.jsonl");
    try (InputStream in =
        Objects.requireNonNull(
            getClass().getResourceAsStream("/fixtures/beads/" + name), "fixture " + name)) {
      Files.copy(in, copy);
    }
    return copy;
  }
}
