package dev.tracker.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.jsonl.BeadsFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written by beads keeps its text through this library: unchanged lines byte for byte, a
 * changed issue in its line's style, a new issue the way beads writes one. Real SQLite files, with
 * a fixed clock so that the changed values are known.
 */
class BeadsFidelityTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678900Z");

  /** {@link #NOW} as beads (Go's RFC3339Nano) writes it. */
  private static final String NOW_TEXT = "2026-01-02T03:04:05.6789Z";

  @TempDir Path workspace;

  private TrackerService open() {
    return TrackerService.embedded(
        Workspaces.isolated(workspace).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
  }

  private Path fixture(String name) throws IOException {
    return BeadsFixtures.copy(name, workspace.resolve("incoming").resolve(name));
  }

  @Test
  void closing_and_labelling_one_issue_of_a_beads_file_changes_only_its_line() throws Exception {
    Path original = fixture(BeadsFixtures.NOVEMBER_2025);
    List<String> before = Files.readAllLines(original, UTF_8);
    // content_hash after the id, source_repo after the times, dependencies not in target order
    String id = "bd-98c4e1fa.1";
    int index = lineOf(before, id);
    String line = before.get(index);
    String updatedAt = value(line, "updated_at");

    List<String> after;
    try (TrackerService tracker = open()) {
      tracker.importJsonl(original);
      tracker.close(id, "done");
      tracker.addLabel(id, "fidelity");
      after = Files.readAllLines(tracker.exportJsonl().path(), UTF_8);
    }

    String expected =
        line.replace("\"status\":\"open\"", "\"status\":\"closed\"")
            .replace(
                "\"updated_at\":\"" + updatedAt + "\"",
                "\"updated_at\":\""
                    + NOW_TEXT
                    + "\",\"closed_at\":\""
                    + NOW_TEXT
                    + "\",\"close_reason\":\"done\",\"labels\":[\"fidelity\"]");
    assertThat(after.get(index)).isEqualTo(expected).contains("-07:00\""); // offsets kept
    assertThat(withoutLine(after, index)).isEqualTo(withoutLine(before, index));
  }

  @Test
  void a_new_issue_beside_a_beads_file_is_written_as_beads_writes_one() throws Exception {
    Path original = fixture(BeadsFixtures.V0_40_0);
    List<String> before = Files.readAllLines(original, UTF_8);

    List<String> after;
    Issue created;
    try (TrackerService tracker = open()) {
      tracker.importJsonl(original);
      created =
          tracker.create(
              NewIssue.builder("Escape <b> & \"quotes\"")
                  .description("line\nseparator\u2028bell\u0007 caf\u00e9 \uD83D\uDE00")
                  .build());
      after = Files.readAllLines(tracker.exportJsonl().path(), UTF_8);
    }

    int index = lineOf(after, created.id());
    assertThat(after.get(index))
        .isEqualTo(
            "{\"id\":\""
                + created.id()
                + "\",\"title\":\"Escape \\u003cb\\u003e \\u0026 \\\"quotes\\\"\","
                + "\"description\":\"line\\nseparator\\u2028bell\\u0007 caf\u00e9 \uD83D\uDE00\","
                + "\"status\":\"open\",\"priority\":2,\"issue_type\":\"task\","
                + "\"created_at\":\""
                + NOW_TEXT
                + "\",\"created_by\":\"tester\",\"updated_at\":\""
                + NOW_TEXT
                + "\"}");
    assertThat(withoutLine(after, index)).isEqualTo(before);
  }

  @Test
  void hand_made_beads_style_lines_come_back_byte_for_byte() throws Exception {
    String content =
        "{\"id\": \"x-1\", \"title\": \"spaces between tokens\", \"status\": \"open\"}\n"
            + "{\"title\":\"keys out of order\",\"id\":\"x-2\",\"priority\":1,"
            + "\"meta\":{\"nested\":[1,2.50,{\"a\":null}],\"b\":true},\"n\":1e3,\"f\":1.50,"
            + "\"big\":123456789012345678901234567890}\n"
            + "{\"id\":\"x-3\",\"title\":\"\\u00e9t\\u00e9 \u00fcn\u00efc\u00f8d\u00e9 \uD83D\uDE00\","
            + "\"description\":\"tab\\there \\/ slash\",\"created_at\":\"2025-11-02T21:58:07.1-08:00\"}\n"
            + "{\"id\":\"x-4\",\"type\":\"bug\",\"title\":\"the older key for the type\"}\n"
            + "{\"id\":\"x-5\",\"title\":\"labels unsorted\",\"labels\":[\"b\",\"a\"],"
            + "\"closed_at\":null}\n"
            + "{\"id\":\"x-6\",\"title\":\"a CRLF line\"}\r\n"
            + "{\"id\":\"x-7\",\"title\":\"nested\",\"created_at\":\"2025-01-01T00:00:00Z\","
            + "\"comments\":[{\"text\":\"no id, no author\"},{\"id\":7,\"text\":\"x\","
            + "\"created_at\":\"2025-01-02T00:00:00.000+00:00\",\"edited\":{\"by\":[\"ada\"]}}],"
            + "\"dependencies\":[{\"depends_on_id\":\"x-1\",\"type\":\"blocks\","
            + "\"metadata\":\"{}\"}]}\n";
    Path file = Files.writeString(workspace.resolve("hand.jsonl"), content);

    try (TrackerService tracker = open()) {
      tracker.importJsonl(file);
      Path exported = tracker.exportJsonl().path();

      assertThat(Files.readString(exported, UTF_8)).isEqualTo(content);
    }
  }

  @Test
  void a_changed_hand_made_line_keeps_its_key_order_and_the_text_of_what_did_not_change()
      throws Exception {
    String line =
        "{\"title\":\"keys out of order\",\"id\":\"x-2\",\"priority\":1,"
            + "\"meta\":{\"nested\":[1,2.50]},\"n\":1e3,\"created_at\":\"2025-11-02T21:58:07.1-08:00\","
            + "\"labels\":[\"z\",\"a\"]}";
    Path file = Files.writeString(workspace.resolve("hand.jsonl"), line + "\n");

    List<String> after;
    try (TrackerService tracker = open()) {
      tracker.importJsonl(file);
      tracker.update("x-2", IssueUpdate.builder().title("retitled <now>").build());
      tracker.addLabel("x-2", "m");
      after = Files.readAllLines(tracker.exportJsonl().path(), UTF_8);
    }

    // updated_at was left out (the same as created_at); it follows created_at, the key before it
    assertThat(after)
        .containsExactly(
            "{\"title\":\"retitled \\u003cnow\\u003e\",\"id\":\"x-2\",\"priority\":1,"
                + "\"meta\":{\"nested\":[1,2.50]},\"n\":1e3,"
                + "\"created_at\":\"2025-11-02T21:58:07.1-08:00\","
                + "\"updated_at\":\""
                + NOW_TEXT
                + "\",\"labels\":[\"a\",\"m\",\"z\"]}");
  }

  @Test
  void an_issue_replaced_by_an_import_is_exported_in_the_text_of_its_new_line() throws Exception {
    Path file = workspace.resolve("issues.jsonl");
    Files.writeString(
        file, "{\"id\":\"x-1\",\"title\":\"T\",\"created_at\":\"2025-01-01T00:00:00Z\"}\n");
    String again =
        "{\"created_at\":\"2024-12-31T16:00:00-08:00\",\"title\":\"T\",\"id\":\"x-1\",\"x\":null}\n";

    try (TrackerService tracker = open()) {
      tracker.importJsonl(file);
      Files.writeString(file, again);
      ImportResult second = tracker.importJsonl(file);

      assertThat(second.unchanged()).isZero();
      assertThat(Files.readString(tracker.exportJsonl().path(), UTF_8)).isEqualTo(again);
    }
  }

  @Test
  void a_changed_line_keeps_the_whitespace_around_its_object_and_its_carriage_return()
      throws Exception {
    Path file = workspace.resolve("crlf.jsonl");
    Files.writeString(
        file, " {\"id\":\"x-1\",\"title\":\"T\",\"created_at\":\"2025-01-01T00:00:00Z\"} \r\n");

    try (TrackerService tracker = open()) {
      tracker.importJsonl(file);
      tracker.update("x-1", IssueUpdate.builder().title("U").build());

      assertThat(Files.readString(tracker.exportJsonl().path(), UTF_8))
          .isEqualTo(
              " {\"id\":\"x-1\",\"title\":\"U\",\"created_at\":\"2025-01-01T00:00:00Z\","
                  + "\"updated_at\":\""
                  + NOW_TEXT
                  + "\"} \r\n");
    }
  }

  @Test
  void the_same_content_in_other_text_is_unchanged_and_its_text_follows_the_file()
      throws Exception {
    Path file = workspace.resolve("issues.jsonl");
    Files.writeString(
        file, "{\"id\":\"x-1\",\"title\":\"T\",\"created_at\":\"2025-01-01T00:00:00Z\"}\n");
    String again =
        "{\"created_at\":\"2024-12-31T16:00:00-08:00\",\"title\":\"T\",\"id\":\"x-1\"}\n";

    try (TrackerService tracker = open()) {
      tracker.importJsonl(file);
      Files.writeString(file, again);
      ImportResult second = tracker.importJsonl(file);

      assertThat(second.unchanged()).isEqualTo(1);
      assertThat(Files.readString(tracker.exportJsonl().path(), UTF_8)).isEqualTo(again);
    }
  }

  @Test
  void a_p0_issue_is_p0_whether_its_line_writes_the_priority_or_leaves_it_out() throws Exception {
    // beads versions whose Go struct says `priority,omitempty` leave a zero priority out
    String content =
        """
        {"id":"x-1","title":"written","priority":0,"issue_type":"bug"}
        {"id":"x-2","title":"left out","issue_type":"bug"}
        {"id":"x-3","title":"P2","priority":2}
        """;
    Path file = Files.writeString(workspace.resolve("p0.jsonl"), content);

    try (TrackerService tracker = open()) {
      tracker.importJsonl(file);

      assertThat(tracker.list(IssueFilter.builder().priority(0).build()))
          .extracting(Issue::id)
          .containsExactlyInAnyOrder("x-1", "x-2");
      assertThat(tracker.get("x-3").priority()).isEqualTo(2);
      assertThat(Files.readString(tracker.exportJsonl().path(), UTF_8)).isEqualTo(content);
      // only reading a line means P0: an issue made in code still starts at the default
      assertThat(tracker.create("made here").priority()).isEqualTo(NewIssue.DEFAULT_PRIORITY);
    }
  }

  @Test
  void a_changed_p0_issue_whose_line_left_the_priority_out_still_leaves_it_out() throws Exception {
    Path file = workspace.resolve("p0.jsonl");
    Files.writeString(
        file, "{\"id\":\"x-1\",\"title\":\"T\",\"created_at\":\"2025-01-01T00:00:00Z\"}\n");

    try (TrackerService tracker = open()) {
      tracker.importJsonl(file);
      Issue retitled = tracker.update("x-1", IssueUpdate.builder().title("U").build());
      String afterTitle = Files.readString(tracker.exportJsonl().path(), UTF_8);
      tracker.update("x-1", IssueUpdate.builder().priority(1).build());
      String afterPriority = Files.readString(tracker.exportJsonl().path(), UTF_8);

      assertThat(retitled.priority()).isZero();
      assertThat(afterTitle)
          .isEqualTo(
              "{\"id\":\"x-1\",\"title\":\"U\",\"created_at\":\"2025-01-01T00:00:00Z\","
                  + "\"updated_at\":\""
                  + NOW_TEXT
                  + "\"}\n");
      assertThat(afterPriority)
          .isEqualTo(
              "{\"id\":\"x-1\",\"title\":\"U\",\"priority\":1,"
                  + "\"created_at\":\"2025-01-01T00:00:00Z\",\"updated_at\":\""
                  + NOW_TEXT
                  + "\"}\n");
    }
  }

  @Test
  void a_stored_line_that_no_longer_decodes_gives_way_to_a_new_line() throws Exception {
    Path file = workspace.resolve("hand.jsonl");
    Files.writeString(
        file, "{\"title\":\"T\",\"id\":\"x-1\",\"created_at\":\"2025-01-01T00:00:00Z\"}\n");
    try (TrackerService tracker = open()) {
      tracker.importJsonl(file);
    }
    Path database = Workspaces.isolated(workspace).build().databasePath();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      assertThat(statement.executeUpdate("UPDATE issues SET source = '{\"id\":' WHERE id = 'x-1'"))
          .isEqualTo(1);
    }

    try (TrackerService tracker = open()) {
      assertThat(Files.readString(tracker.exportJsonl().path(), UTF_8))
          .isEqualTo(
              "{\"id\":\"x-1\",\"title\":\"T\",\"status\":\"open\",\"priority\":0,"
                  + "\"issue_type\":\"task\",\"created_at\":\"2025-01-01T00:00:00Z\","
                  + "\"updated_at\":\"2025-01-01T00:00:00Z\"}\n");
    }
  }

  private static int lineOf(List<String> lines, String id) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"id\":\"" + id + "\"")) {
        return i;
      }
    }
    throw new AssertionError("no line for " + id);
  }

  /** The text of a string value in a line, as written. */
  private static String value(String line, String key) {
    int start = line.indexOf("\"" + key + "\":\"") + key.length() + 4;
    return line.substring(start, line.indexOf('"', start));
  }

  private static List<String> withoutLine(List<String> lines, int index) {
    List<String> rest = new ArrayList<>(lines);
    rest.remove(index);
    return rest;
  }
}
