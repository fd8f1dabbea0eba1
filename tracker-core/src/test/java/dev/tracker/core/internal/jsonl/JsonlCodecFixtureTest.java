package dev.tracker.core.internal.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Dependency;
import dev.tracker.core.Issue;
import dev.tracker.core.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real beads files: read, written and read again, nothing lost. */
class JsonlCodecFixtureTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static final JsonMapper PLAIN = JsonMapper.builder().build();

  private final JsonlCodec codec = new JsonlCodec();

  @TempDir Path dir;

  @Test
  void beads_v0_40_0_round_trips_without_loss() throws IOException {
    List<Issue> issues = roundTrip(BeadsFixtures.V0_40_0);

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
    List<Issue> issues = roundTrip(BeadsFixtures.NOVEMBER_2025);

    assertThat(issues).hasSize(543);
    assertThat(issues)
        .allSatisfy(
            issue -> assertThat(issue.extras()).containsOnlyKeys("content_hash", "source_repo"));
    assertThat(issues).filteredOn(issue -> !issue.acceptanceCriteria().isEmpty()).hasSize(86);
    assertThat(issues).filteredOn(issue -> !issue.design().isEmpty()).hasSize(50);
  }

  @Test
  void dependencies_are_ordered_as_beads_writes_them() throws IOException {
    int outOfTargetOrder = 0;
    for (String fixture : List.of(BeadsFixtures.V0_40_0, BeadsFixtures.NOVEMBER_2025)) {
      Path file = copyFixture(fixture);
      List<String> lines = Files.readAllLines(file);
      List<Issue> issues = codec.decode(file, NOW);
      for (int i = 0; i < issues.size(); i++) {
        List<String> inFile = new ArrayList<>();
        for (JsonNode dependency : PLAIN.readTree(lines.get(i)).path("dependencies").values()) {
          inFile.add(dependency.get("depends_on_id").stringValue());
        }
        List<String> decoded =
            issues.get(i).dependencies().stream().map(Dependency::dependsOnId).toList();
        assertThat(decoded).as(issues.get(i).id()).isEqualTo(inFile);
        if (!inFile.equals(inFile.stream().sorted().toList())) {
          outOfTargetOrder++;
        }
      }
      Files.delete(file);
    }
    // the order is by created_at: sorting by target would have reordered these
    assertThat(outOfTargetOrder).isEqualTo(64);
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
    BeadsFixtures.assertSameLinesAsJson(original, written);
    return read;
  }

  private Path copyFixture(String name) throws IOException {
    return BeadsFixtures.copy(name, dir.resolve("issues.jsonl"));
  }
}
