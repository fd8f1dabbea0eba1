package dev.tracker.core.internal.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.tracker.core.CapturedLog;
import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.IssueType;
import dev.tracker.core.JsonlFormatException;
import dev.tracker.core.Status;
import dev.tracker.core.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlCodecDecodeTest {

  private static final Path FILE = Path.of("work", "issues.jsonl");
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.5Z");

  private final JsonlCodec codec = new JsonlCodec();

  // reading errors

  @Test
  void malformed_line_is_reported_with_its_number() {
    String content = line("a") + "{\"id\":\"b\",\"title\": oops}\n";

    assertFailure(content, 2).hasMessageContaining("not valid JSON").hasMessageContaining("oops");
  }

  @Test
  void a_git_conflict_marker_is_named_as_one_with_its_line() {
    String content =
        line("a") + "<<<<<<< HEAD\n" + line("b") + "=======\n" + line("c") + ">>>>>>> theirs\n";

    assertFailure(content, 2)
        .hasMessageContaining("a git conflict marker (<<<<<<<)")
        .hasMessageContaining("unresolved merge");
  }

  @Test
  void text_like_a_conflict_marker_inside_a_value_is_no_marker() {
    assertThat(decode("{\"id\":\"a\",\"title\":\"<<<<<<< HEAD\"}\n"))
        .extracting(Issue::title)
        .containsExactly("<<<<<<< HEAD");
  }

  @Test
  void a_message_starts_with_the_file_name_and_the_line() {
    assertThatThrownBy(() -> decode("[]\n"))
        .hasMessageStartingWith("issues.jsonl:1: a line must be a JSON object, was []");
  }

  @Test
  void trailing_text_after_the_object_is_refused() {
    assertFailure(line("a") + "{\"id\":\"b\",\"title\":\"B\"} {}\n", 2)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void a_line_that_is_not_an_object_is_refused() {
    assertFailure("\"bd-1\"\n", 1)
        .hasMessageContaining("a line must be a JSON object, was \"bd-1\"");
  }

  @Test
  void a_missing_id_is_refused() {
    assertFailure(line("a") + "{\"title\":\"no id\"}\n", 2).hasMessageContaining("id is required");
  }

  @Test
  void a_blank_or_non_string_id_is_refused() {
    assertFailure("{\"id\":\" \",\"title\":\"T\"}\n", 1)
        .hasMessageContaining("id must not be blank, was \" \"");
    assertFailure("{\"id\":12,\"title\":\"T\"}\n", 1)
        .hasMessageContaining("id must be a string, was 12");
  }

  @Test
  void a_missing_title_is_refused() {
    assertFailure("{\"id\":\"a\"}\n", 1).hasMessageContaining("title is required");
  }

  // an id on several lines

  @Test
  void a_repeated_id_keeps_the_copy_updated_last_whichever_line_comes_first() {
    String older = copyOfA("older", "2025-01-01T00:00:00Z");
    String newer = copyOfA("newer", "2025-01-01T00:00:00.000001Z");

    assertThat(decode(older + line("b") + newer))
        .extracting(Issue::id, Issue::title)
        .containsExactly(tuple("b", "Title of b"), tuple("a", "newer"));
    assertThat(decode(newer + line("b") + older))
        .extracting(Issue::id, Issue::title)
        .containsExactly(tuple("a", "newer"), tuple("b", "Title of b"));
  }

  @Test
  void a_repeated_id_updated_at_the_same_time_keeps_the_later_line() {
    String first = copyOfA("first", "2025-01-01T00:00:00Z");
    String second = copyOfA("second", "2024-12-31T16:00:00-08:00");

    assertThat(decode(first + second)).extracting(Issue::title).containsExactly("second");
    assertThat(decode(second + first)).extracting(Issue::title).containsExactly("first");
  }

  @Test
  void of_many_copies_the_later_of_those_updated_last_is_kept() {
    String content =
        copyOfA("1", "2025-01-01T00:00:00Z")
            + copyOfA("2", "2025-03-01T00:00:00Z")
            + line("b")
            + copyOfA("3", "2025-03-01T00:00:00Z")
            + copyOfA("4", "2025-02-01T00:00:00Z");

    assertThat(decode(content))
        .extracting(Issue::id, Issue::title)
        .containsExactly(tuple("b", "Title of b"), tuple("a", "3"));
  }

  @Test
  void the_copy_kept_keeps_the_text_of_its_own_line() {
    String older = "{\"title\":\"older\",\"id\":\"a\",\"updated_at\":\"2025-01-01T00:00:00Z\"}";
    String newer = "{\"title\":\"newer\",\"id\":\"a\",\"updated_at\":\"2025-01-02T00:00:00Z\"}";

    List<IssueLine> lines =
        codec.decodeLines(FILE, (newer + "\n" + older + "\n").getBytes(UTF_8), NOW);

    assertThat(lines).extracting(IssueLine::source).containsExactly(newer);
  }

  @Test
  void each_repeated_id_is_logged_with_its_lines_and_the_line_kept() {
    String content =
        copyOfA("1", "2025-01-02T00:00:00Z")
            + line("b")
            + copyOfA("2", "2025-01-01T00:00:00Z")
            + line("c")
            + line("b");

    List<String> warnings;
    try (CapturedLog log = CapturedLog.start()) {
      decode(content);
      warnings = log.lines().stream().filter(line -> line.contains("JsonlReader")).toList();
    }

    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0))
        .contains(" WARN ")
        .endsWith(
            FILE
                + ": id \"a\" is on lines 1, 3; line 1 is kept (the latest updated_at),"
                + " the others are ignored");
    assertThat(warnings.get(1))
        .contains(" WARN ")
        .endsWith(
            FILE
                + ": id \"b\" is on lines 2, 5; line 5 is kept (the last line with the latest"
                + " updated_at), the others are ignored");
  }

  @Test
  void a_malformed_line_after_a_repeated_id_still_refuses_the_file() {
    String content =
        copyOfA("one", "2025-01-01T00:00:00Z") + copyOfA("two", "2025-01-02T00:00:00Z");

    assertFailure(content + "{\"id\":\"c\"}\n", 3).hasMessageContaining("title is required");
  }

  @Test
  void a_priority_that_is_not_an_integer_is_refused() {
    assertFailure(with("\"priority\":\"high\""), 1)
        .hasMessageContaining("issues.jsonl:1: priority must be an integer, was \"high\"");
    assertFailure(with("\"priority\":1.5"), 1)
        .hasMessageContaining("priority must be an integer, was 1.5");
    assertFailure(with("\"priority\":4294967296"), 1)
        .hasMessageContaining("priority must be an integer that fits in 32 bits, was 4294967296");
  }

  @Test
  void a_bad_timestamp_names_the_field_and_the_value() {
    assertFailure(with("\"updated_at\":\"2025-13-01T00:00:00Z\""), 1)
        .hasMessageContaining(
            "updated_at must be an RFC 3339 timestamp, was \"2025-13-01T00:00:00Z\"");
  }

  @Test
  void labels_that_are_not_an_array_of_strings_are_refused() {
    assertFailure(with("\"labels\":\"a,b\""), 1)
        .hasMessageContaining("labels must be an array, was \"a,b\"");
    assertFailure(with("\"labels\":[\"a\",3]"), 1)
        .hasMessageContaining("labels[1] must be a string, was 3");
  }

  @Test
  void a_string_field_holding_another_type_is_refused() {
    assertFailure(with("\"description\":{\"text\":\"d\"}"), 1)
        .hasMessageContaining("description must be a string, was {\"text\":\"d\"}");
  }

  @Test
  void a_dependency_of_another_issue_is_refused() {
    String dependency = "{\"issue_id\":\"b\",\"depends_on_id\":\"c\",\"type\":\"blocks\"}";

    assertFailure(with("\"dependencies\":[" + dependency + "]"), 1)
        .hasMessageContaining(
            "dependencies[0].issue_id must be the id of its line \"a\", was \"b\"");
  }

  @Test
  void a_dependency_without_target_or_type_is_refused() {
    assertFailure(with("\"dependencies\":[{\"type\":\"blocks\"}]"), 1)
        .hasMessageContaining("dependencies[0].depends_on_id is required");
    assertFailure(with("\"dependencies\":[{\"depends_on_id\":\"c\"},\"d\"]"), 1)
        .hasMessageContaining("dependencies[1] must be a JSON object, was \"d\"");
    assertFailure(with("\"dependencies\":[{\"depends_on_id\":\"c\"}]"), 1)
        .hasMessageContaining("dependencies[0].type is required");
  }

  @Test
  void a_repeated_dependency_is_refused() {
    String dependency = "{\"depends_on_id\":\"c\",\"type\":\"blocks\"}";

    assertFailure(with("\"dependencies\":[" + dependency + "," + dependency + "]"), 1)
        .hasMessageContaining(
            "dependencies[1] repeats depends_on_id \"c\" with type \"blocks\" of dependencies[0]");
  }

  @Test
  void a_blank_dependency_type_is_refused() {
    assertFailure(with("\"dependencies\":[{\"depends_on_id\":\"c\",\"type\":\" \"}]"), 1)
        .hasMessageContaining("dependencies[0]: type must be non-blank")
        .hasMessageContaining("was ' '");
  }

  @Test
  void a_repeated_comment_id_is_refused() {
    String comments = "\"comments\":[{\"id\":3,\"text\":\"x\"},{\"id\":3,\"text\":\"y\"}]";

    assertFailure(with(comments), 1)
        .hasMessageContaining("comments[1].id 3 is already used by comments[0]");
  }

  @Test
  void a_comment_on_another_issue_is_refused() {
    assertFailure(with("\"comments\":[{\"id\":1,\"issue_id\":\"z\",\"text\":\"t\"}]"), 1)
        .hasMessageContaining("comments[0].issue_id must be the id of its line \"a\", was \"z\"");
  }

  @Test
  void a_comment_without_text_is_refused() {
    assertFailure(with("\"comments\":[{\"id\":1}]"), 1)
        .hasMessageContaining("comments[0].text is required");
  }

  @Test
  void a_duplicate_key_in_a_line_is_refused() {
    assertFailure("{\"id\":\"a\",\"title\":\"A\",\"title\":\"B\"}\n", 1)
        .hasMessageContaining("duplicate key \"title\"");
  }

  @Test
  void a_duplicate_key_in_a_dependency_is_refused() {
    String dependency = "{\"depends_on_id\":\"c\",\"type\":\"blocks\",\"type\":\"related\"}";

    assertFailure(with("\"dependencies\":[" + dependency + "]"), 1)
        .hasMessageContaining("duplicate key \"type\"");
  }

  @Test
  void a_file_that_cannot_be_read_is_a_storage_failure(@TempDir Path dir) {
    Path missing = dir.resolve("issues.jsonl");

    assertThatThrownBy(() -> codec.decode(missing, NOW))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(missing.toString())
        .hasCauseInstanceOf(IOException.class);
  }

  // reading leniency

  @Test
  void blank_lines_are_skipped_and_still_counted() {
    String content = "\n" + line("a") + "  \r\n\n" + line("b") + "\t\n";

    assertThat(decode(content)).extracting(Issue::id).containsExactly("a", "b");
    assertFailure("\n\n" + line("a") + "\nnope\n", 5);
  }

  @Test
  void a_last_line_without_newline_is_read() {
    assertThat(decode(line("a") + "{\"id\":\"b\",\"title\":\"B\"}"))
        .extracting(Issue::id)
        .containsExactly("a", "b");
  }

  @Test
  void crlf_line_endings_are_read() {
    assertThat(decode("{\"id\":\"a\",\"title\":\"A\"}\r\n{\"id\":\"b\",\"title\":\"B\"}\r\n"))
        .extracting(Issue::id)
        .containsExactly("a", "b");
  }

  @Test
  void missing_values_mean_what_beads_reads_them_as() {
    Issue issue = decode("{\"id\":\"a\",\"title\":\"A\"}\n").get(0);

    assertThat(issue.status()).isSameAs(Status.OPEN);
    assertThat(issue.issueType()).isSameAs(IssueType.TASK);
    // Go's zero value: beads versions that leave a zero priority out mean P0
    assertThat(issue.priority()).isZero();
    assertThat(issue.createdAt()).isEqualTo(NOW);
    assertThat(issue.updatedAt()).isEqualTo(NOW);
    assertThat(issue.closedAt()).isNull();
    assertThat(issue.deletedAt()).isNull();
    assertThat(issue.description()).isEmpty();
    assertThat(issue.labels()).isEmpty();
    assertThat(issue.dependencies()).isEmpty();
    assertThat(issue.comments()).isEmpty();
    assertThat(issue.extras()).isEmpty();
    for (IssueField<?> field : IssueField.values()) {
      if (issue.get(field) instanceof String text && field != IssueField.ID) {
        assertThat(text).as(field.key()).isEqualTo(field == IssueField.TITLE ? "A" : "");
      }
    }
  }

  @Test
  void priority_zero_is_read_the_same_written_out_or_left_out() {
    List<Issue> written = decode("{\"id\":\"a\",\"title\":\"A\",\"priority\":0}\n");
    List<Issue> leftOut = decode("{\"id\":\"a\",\"title\":\"A\"}\n");

    assertThat(written).extracting(Issue::priority).containsExactly(0);
    assertThat(leftOut).isEqualTo(written);
  }

  @Test
  void null_counts_as_absent() {
    Issue issue =
        decode(
                "{\"id\":\"a\",\"title\":\"A\",\"status\":null,\"priority\":null,"
                    + "\"description\":null,\"closed_at\":null,\"labels\":null}\n")
            .get(0);

    assertThat(issue.status()).isSameAs(Status.OPEN);
    assertThat(issue.priority()).isZero();
    assertThat(issue.description()).isEmpty();
    assertThat(issue.closedAt()).isNull();
    assertThat(issue.labels()).isEmpty();
  }

  @Test
  void updated_at_defaults_to_created_at() {
    Issue issue = decode(with("\"created_at\":\"2025-01-01T00:00:00-08:00\"")).get(0);

    assertThat(issue.updatedAt())
        .isEqualTo(issue.createdAt())
        .isEqualTo(Instant.parse("2025-01-01T08:00:00Z"));
  }

  @Test
  void well_known_values_are_the_constants_and_others_are_kept() {
    Issue issue =
        decode(
                with(
                    "\"status\":\"closed\",\"issue_type\":\"molecule\",\"dependencies\":["
                        + "{\"depends_on_id\":\"p\",\"type\":\"parent-child\"},"
                        + "{\"depends_on_id\":\"q\",\"type\":\"waits-for\"}]"))
            .get(0);

    assertThat(issue.status()).isSameAs(Status.CLOSED);
    assertThat(issue.issueType().value()).isEqualTo("molecule");
    assertThat(issue.dependencies())
        .extracting(Dependency::type)
        .containsExactly(DependencyType.PARENT_CHILD, DependencyType.of("waits-for"));
    assertThat(issue.dependencies().get(0).type()).isSameAs(DependencyType.PARENT_CHILD);
  }

  @Test
  void type_is_read_as_the_issue_type_when_issue_type_is_missing() {
    Issue issue = decode(with("\"type\":\"bug\"")).get(0);

    assertThat(issue.issueType()).isSameAs(IssueType.BUG);
    assertThat(issue.extras()).isEmpty();
  }

  @Test
  void type_is_kept_as_an_unknown_key_when_issue_type_is_present() {
    Issue issue = decode(with("\"issue_type\":\"feature\",\"type\":\"bug\"")).get(0);

    assertThat(issue.issueType()).isSameAs(IssueType.FEATURE);
    assertThat(issue.extras()).containsExactly(entry("type", "\"bug\""));
  }

  @Test
  void dependency_issue_id_and_created_at_default_to_those_of_the_issue() {
    Issue issue =
        decode(
                with(
                    "\"created_at\":\"2025-01-01T00:00:00Z\",\"dependencies\":"
                        + "[{\"depends_on_id\":\"c\",\"type\":\"blocks\"}]"))
            .get(0);

    assertThat(issue.dependencies())
        .containsExactly(
            new Dependency(
                "a",
                "c",
                DependencyType.BLOCKS,
                Instant.parse("2025-01-01T00:00:00Z"),
                "",
                Map.of()));
  }

  @Test
  void comments_without_id_are_numbered_after_the_largest_id() {
    String comments =
        "\"created_at\":\"2025-01-01T00:00:00Z\",\"comments\":["
            + "{\"text\":\"first\",\"created_at\":\"2025-01-02T00:00:00Z\"},"
            + "{\"id\":7,\"issue_id\":\"a\",\"text\":\"second\",\"created_at\":\"2025-01-03T00:00:00Z\"},"
            + "{\"text\":\"third\",\"author\":\"bob\"}]";

    Issue issue = decode(with(comments)).get(0);

    assertThat(issue.comments())
        .extracting(Comment::text, Comment::id, Comment::issueId)
        .containsExactly(
            tuple("third", 9L, "a"), tuple("first", 8L, "a"), tuple("second", 7L, "a"));
  }

  @Test
  void unknown_keys_are_kept_as_compact_json_at_every_level() {
    Issue issue =
        decode(
                with(
                    "\"pinned\" : true,\"weight\":0.10000000000000000000001,"
                        + "\"big\":123456789012345678901234567890,\"nested\":{ \"k\" : [1, null] },"
                        + "\"dependencies\":[{\"depends_on_id\":\"c\",\"type\":\"blocks\",\"metadata\":\"{}\"}],"
                        + "\"comments\":[{\"id\":1,\"text\":\"t\",\"reactions\":[\"+1\"]}]"))
            .get(0);

    assertThat(issue.extras())
        .containsOnly(
            entry("pinned", "true"),
            entry("weight", "0.10000000000000000000001"),
            entry("big", "123456789012345678901234567890"),
            entry("nested", "{\"k\":[1,null]}"));
    assertThat(issue.dependencies().get(0).extras()).containsOnly(entry("metadata", "\"{}\""));
    assertThat(issue.comments().get(0).extras()).containsOnly(entry("reactions", "[\"+1\"]"));
  }

  @Test
  void a_file_is_read_from_disk_as_utf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("issues.jsonl");
    Files.write(file, "{\"id\":\"a\",\"title\":\"Zoë ☃ \uD83D\uDE00\"}\n".getBytes(UTF_8));

    assertThat(codec.decode(file, NOW))
        .extracting(Issue::title)
        .containsExactly("Zoë ☃ \uD83D\uDE00");
  }

  private List<Issue> decode(String content) {
    return codec.decode(FILE, content.getBytes(UTF_8), NOW);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFailure(String content, int line) {
    return assertThatThrownBy(() -> decode(content))
        .isInstanceOfSatisfying(
            JsonlFormatException.class,
            e -> {
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.file()).isEqualTo(FILE);
            })
        .hasMessageStartingWith("issues.jsonl:" + line + ": ");
  }

  private static String line(String id) {
    return "{\"id\":\"" + id + "\",\"title\":\"Title of " + id + "\"}\n";
  }

  /** A line for issue {@code a} with this title, updated at this time. */
  private static String copyOfA(String title, String updatedAt) {
    return "{\"id\":\"a\",\"title\":\""
        + title
        + "\",\"created_at\":\"2024-06-01T00:00:00Z\",\"updated_at\":\""
        + updatedAt
        + "\"}\n";
  }

  /** A line for issue {@code a} with the given extra members. */
  private static String with(String members) {
    return "{\"id\":\"a\",\"title\":\"A\"," + members + "}\n";
  }
}
