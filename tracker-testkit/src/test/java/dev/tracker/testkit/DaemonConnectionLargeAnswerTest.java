package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.protocol.Wire;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An answer has no limit in the protocol, and the raw connection sets none of its own: a list of
 * every issue of a workspace whose issues hold 50 MB of text arrives whole, through a real daemon.
 */
@TrackerDaemonTest
class DaemonConnectionLargeAnswerTest {

  private static final int ISSUES = 500;
  // 500 x 105,000 characters: the answer is over 50 MiB
  private static final int DESCRIPTION = 105_000;
  private static final int FIFTY_MIB = 50 << 20;

  @Test
  void an_issue_list_of_over_50_mib_arrives_whole_and_parses(
      DaemonConnection connection, TrackerWorkspace workspace) throws IOException {
    // given: the issues, imported from a generated file (much faster than 500 creates)
    Path file = workspace.root().resolve("large.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < ISSUES; i++) {
        ObjectNode line = Wire.JSON.createObjectNode();
        line.put("id", id(i));
        line.put("title", "Issue " + i);
        line.put("description", description(i));
        line.put("status", "open");
        line.put("priority", 2);
        line.put("issue_type", "task");
        line.put("created_at", "2026-01-05T10:00:00Z");
        line.put("updated_at", "2026-01-05T10:00:00Z");
        out.write(Wire.JSON.writeValueAsString(line));
        out.write('\n');
      }
    }
    assertThat(connection.call("import", "{\"path\":\"" + file + "\"}"))
        .contains("\"created\":" + ISSUES);
    Files.delete(file);

    // when
    String answer = connection.call("issue.list");

    // then
    assertThat(answer.length()).isGreaterThan(FIFTY_MIB);
    JsonNode issues = Wire.JSON.readTree(answer).path("result");
    assertThat(issues.size()).isEqualTo(ISSUES);
    for (JsonNode issue : issues) {
      int i = Integer.parseInt(issue.path("title").stringValue().substring("Issue ".length()));
      assertThat(issue.path("id").stringValue()).isEqualTo(id(i));
      // compared as a boolean: a failure must not print 105,000 characters twice
      assertThat(issue.path("description").stringValue().equals(description(i)))
          .as("the description of issue %d arrived unchanged", i)
          .isTrue();
    }
  }

  private static String id(int i) {
    return String.format("big-%03d", i);
  }

  /**
   * A different text per issue, starting with what JSON must escape: quotes, backslashes, breaks.
   */
  private static String description(int i) {
    StringBuilder text = new StringBuilder(DESCRIPTION);
    text.append("Issue ").append(i).append(" says \"more\" \\ once,\nthen\t");
    String words = "lorem ipsum dolor sit amet " + i + " ";
    while (text.length() < DESCRIPTION) {
      text.append(words);
    }
    text.setLength(DESCRIPTION);
    return text.toString();
  }
}
