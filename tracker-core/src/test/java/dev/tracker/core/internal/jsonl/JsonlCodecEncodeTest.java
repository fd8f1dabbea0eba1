package dev.tracker.core.internal.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.IssueType;
import dev.tracker.core.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonlCodecEncodeTest {

  private static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456Z");
  private static final Instant T1 = Instant.parse("2025-01-03T00:00:00Z");
  private static final Instant T2 = Instant.parse("2025-01-04T00:00:00.123456789Z");

  private final JsonlCodec codec = new JsonlCodec();

  @Test
  void keys_are_written_in_the_order_of_the_format() {
    Issue rich =
        Issue.builder("bd-7")
            .set(IssueField.TITLE, "Rich")
            .set(IssueField.DESCRIPTION, "d")
            .set(IssueField.DESIGN, "g")
            .set(IssueField.ACCEPTANCE_CRITERIA, "a")
            .set(IssueField.NOTES, "n")
            .set(IssueField.STATUS, Status.IN_PROGRESS)
            .set(IssueField.PRIORITY, 1)
            .set(IssueField.ISSUE_TYPE, IssueType.BUG)
            .set(IssueField.ASSIGNEE, "alice")
            .set(IssueField.OWNER, "bob")
            .set(IssueField.CREATED_AT, T0)
            .set(IssueField.CREATED_BY, "carol")
            .set(IssueField.UPDATED_AT, T1)
            .set(IssueField.CLOSED_AT, Optional.of(T2))
            .set(IssueField.CLOSE_REASON, "done")
            .set(IssueField.EXTERNAL_REF, "gh-1")
            .set(IssueField.LABELS, List.of("z", "a"))
            .set(
                IssueField.DEPENDENCIES,
                List.of(
                    new Dependency(
                        "bd-7",
                        "bd-9",
                        DependencyType.RELATED,
                        T1,
                        "",
                        Map.of("metadata", "\"{}\"")),
                    new Dependency("bd-7", "bd-8", DependencyType.BLOCKS, T0, "dave", Map.of())))
            .set(
                IssueField.COMMENTS,
                List.of(
                    new Comment(
                        1, "bd-7", "erin", "hi \"there\"\n", T1, Map.of("edited", "false"))))
            .set(IssueField.DELETED_AT, Optional.of(T2))
            .set(IssueField.DELETED_BY, "x")
            .set(IssueField.DELETE_REASON, "y")
            .set(IssueField.ORIGINAL_TYPE, "task")
            .extras(Map.of("pinned", "true", "content_hash", "\"abc\""))
            .build();

    String line = encode(rich);

    assertThat(line)
        .isEqualTo(
            "{\"id\":\"bd-7\",\"title\":\"Rich\",\"description\":\"d\",\"design\":\"g\","
                + "\"acceptance_criteria\":\"a\",\"notes\":\"n\",\"status\":\"in_progress\","
                + "\"priority\":1,\"issue_type\":\"bug\",\"assignee\":\"alice\",\"owner\":\"bob\","
                + "\"created_at\":\"2025-01-02T03:04:05.123456Z\",\"created_by\":\"carol\","
                + "\"updated_at\":\"2025-01-03T00:00:00Z\","
                + "\"closed_at\":\"2025-01-04T00:00:00.123456789Z\",\"close_reason\":\"done\","
                + "\"external_ref\":\"gh-1\",\"labels\":[\"a\",\"z\"],"
                + "\"dependencies\":["
                + "{\"issue_id\":\"bd-7\",\"depends_on_id\":\"bd-8\",\"type\":\"blocks\","
                + "\"created_at\":\"2025-01-02T03:04:05.123456Z\",\"created_by\":\"dave\"},"
                + "{\"issue_id\":\"bd-7\",\"depends_on_id\":\"bd-9\",\"type\":\"related\","
                + "\"created_at\":\"2025-01-03T00:00:00Z\",\"metadata\":\"{}\"}],"
                + "\"comments\":[{\"id\":1,\"issue_id\":\"bd-7\",\"author\":\"erin\","
                + "\"text\":\"hi \\\"there\\\"\\n\",\"created_at\":\"2025-01-03T00:00:00Z\","
                + "\"edited\":false}],"
                + "\"deleted_at\":\"2025-01-04T00:00:00.123456789Z\",\"deleted_by\":\"x\","
                + "\"delete_reason\":\"y\",\"original_type\":\"task\","
                + "\"content_hash\":\"abc\",\"pinned\":true}\n");
  }

  @Test
  void empty_optional_values_are_left_out_and_priority_zero_is_written() {
    String line = encode(issue("t-1").build());

    assertThat(line)
        .isEqualTo(
            "{\"id\":\"t-1\",\"title\":\"Title of t-1\",\"status\":\"open\",\"priority\":0,"
                + "\"issue_type\":\"task\",\"created_at\":\"2025-01-02T03:04:05.123456Z\","
                + "\"updated_at\":\"2025-01-02T03:04:05.123456Z\"}\n");
  }

  @Test
  void new_timestamps_are_written_in_utc_as_go_writes_them_trailing_zeros_trimmed() {
    String whole = encode(issue("t-1").createdAt(Instant.parse("2025-06-01T12:00:00Z")).build());
    String trimmed =
        encode(issue("t-1").createdAt(Instant.parse("2025-10-31T00:12:58.210840Z")).build());

    assertThat(whole)
        .contains("\"created_at\":\"2025-06-01T12:00:00Z\"")
        .contains("\"updated_at\":\"2025-06-01T12:00:00Z\"");
    assertThat(trimmed).contains("\"created_at\":\"2025-10-31T00:12:58.21084Z\"");
  }

  @Test
  void strings_are_escaped_as_go_escapes_them() {
    String title =
        "a<b>&c \"q\" \\ \n\r\t\b\f \u0001\u001f \u007f \u2028\u2029 \u00e9\u4e2d\uD83D\uDE00";

    String line = encode(issue("t-1").build().with(IssueField.TITLE, title));

    assertThat(line)
        .contains(
            "\"title\":\"a\\u003cb\\u003e\\u0026c \\\"q\\\" \\\\ \\n\\r\\t\\b\\f"
                + " \\u0001\\u001f \u007f \\u2028\\u2029 \u00e9\u4e2d\uD83D\uDE00\"");
  }

  @Test
  void a_lone_surrogate_is_written_as_the_escaped_replacement_character() {
    String line = encode(issue("t-1").build().with(IssueField.DESCRIPTION, "x\uD800y\uDC00"));

    assertThat(line).contains("\"description\":\"x\\ufffdy\\ufffd\"");
  }

  @Test
  void text_is_written_as_utf_8() {
    byte[] line =
        codec.encode(List.of(issue("t-1").build().with(IssueField.NOTES, "\u00e9\uD83D\uDE00")));

    assertThat(new String(line, UTF_8)).contains("\"notes\":\"\u00e9\uD83D\uDE00\"");
    assertThat(line).containsSequence(0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80);
  }

  @Test
  void lines_are_sorted_by_id_in_utf8_byte_order() {
    // U+FFFF sorts before U+1F600 in UTF-8, after it in UTF-16 (String.compareTo)
    List<Issue> issues =
        List.of(
            issue("b").build(),
            issue("a\uD83D\uDE00").build(),
            issue("a\uFFFF").build(),
            issue("a").build(),
            issue("B").build());

    String file = new String(codec.encode(issues), UTF_8);

    assertThat(file.lines().map(line -> line.substring(0, line.indexOf("\",\"title"))))
        .containsExactly(
            "{\"id\":\"B",
            "{\"id\":\"a",
            "{\"id\":\"a\uFFFF",
            "{\"id\":\"a\uD83D\uDE00",
            "{\"id\":\"b");
    assertThat(file).endsWith("}\n").doesNotContain("\n\n");
  }

  @Test
  void no_issues_encode_to_an_empty_file() {
    assertThat(codec.encode(List.of())).isEmpty();
  }

  @Test
  void extras_come_after_original_type_sorted_by_key() {
    Issue issue =
        issue("t-1")
            .originalType("bug")
            .extras(Map.of("zeta", "[1,2.50]", "alpha", "{\"k\":null}", "mid", "\"m\""))
            .build();

    String line = encode(issue);

    assertThat(line)
        .endsWith(
            "\"original_type\":\"bug\",\"alpha\":{\"k\":null},\"mid\":\"m\",\"zeta\":[1,2.50]}\n");
  }

  @Test
  void duplicate_ids_are_refused() {
    List<Issue> issues = List.of(issue("t-1").build(), issue("t-2").build(), issue("t-1").build());

    assertThatThrownBy(() -> codec.encode(issues))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate issue id 't-1'");
  }

  @Test
  void an_extra_that_is_not_one_json_value_is_refused() {
    Issue issue = issue("t-1").extras(Map.of("pinned", "true false")).build();

    assertThatThrownBy(() -> codec.encode(List.of(issue)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extra 'pinned' is not one JSON value, was 'true false'");
  }

  @Test
  void an_extra_named_like_a_key_of_the_format_is_refused() {
    Issue issue = issue("t-1").extras(Map.of("title", "\"again\"")).build();

    assertThatThrownBy(() -> codec.encode(List.of(issue)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extra key 'title' is a key of the format");
  }

  private String encode(Issue issue) {
    return new String(codec.encode(List.of(issue)), UTF_8);
  }

  static IssueBuilder issue(String id) {
    return new IssueBuilder(id);
  }

  /** Just enough of a builder to vary the fields these tests are about. */
  static final class IssueBuilder {
    private final String id;
    private Instant createdAt = T0;
    private String originalType = "";
    private Map<String, String> extras = Map.of();

    IssueBuilder(String id) {
      this.id = id;
    }

    IssueBuilder createdAt(Instant value) {
      createdAt = value;
      return this;
    }

    IssueBuilder originalType(String value) {
      originalType = value;
      return this;
    }

    IssueBuilder extras(Map<String, String> value) {
      extras = value;
      return this;
    }

    Issue build() {
      return Issue.builder(id)
          .set(IssueField.TITLE, "Title of " + id)
          .set(IssueField.PRIORITY, 0)
          .set(IssueField.CREATED_AT, createdAt)
          .set(IssueField.ORIGINAL_TYPE, originalType)
          .extras(extras)
          .build();
    }
  }
}
