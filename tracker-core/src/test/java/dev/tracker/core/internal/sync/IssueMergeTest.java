package dev.tracker.core.internal.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.Status;
import dev.tracker.core.internal.jsonl.IssueLine;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class IssueMergeTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Merges issues that have no line of their own. */
  private static IssueMerge.Result merge(List<Issue> base, List<Issue> ours, List<Issue> theirs) {
    return IssueMerge.merge(lines(base), lines(ours), lines(theirs));
  }

  private static List<IssueLine> lines(List<Issue> issues) {
    return issues.stream().map(IssueLine::of).toList();
  }

  private static Issue issue(String id, String title, int minute, List<String> labels) {
    return issue(id, title, minute, labels, List.of(), List.of(), Status.OPEN, null);
  }

  private static Issue issue(
      String id,
      String title,
      int minute,
      List<String> labels,
      List<Dependency> dependencies,
      List<Comment> comments,
      Status status,
      @Nullable Instant deletedAt) {
    return Issue.builder(id)
        .set(IssueField.TITLE, title)
        .set(IssueField.STATUS, status)
        .set(IssueField.CREATED_AT, T0)
        .set(IssueField.UPDATED_AT, T0.plusSeconds(60L * minute))
        .set(IssueField.LABELS, labels)
        .set(IssueField.DEPENDENCIES, dependencies)
        .set(IssueField.COMMENTS, comments)
        .set(IssueField.DELETED_AT, Optional.ofNullable(deletedAt))
        .build();
  }

  private static Issue tombstone(String id, int minute) {
    return issue(
        id,
        "gone",
        minute,
        List.of(),
        List.of(),
        List.of(),
        Status.TOMBSTONE,
        T0.plusSeconds(60L * minute));
  }

  private static Comment comment(String issueId, long id, String text, int minute) {
    return new Comment(id, issueId, "ada", text, T0.plusSeconds(60L * minute), Map.of());
  }

  private static final JsonlCodec CODEC = new JsonlCodec();

  private static List<IssueLine> read(String content) {
    return CODEC.decodeLines(Path.of("issues.jsonl"), content.getBytes(UTF_8), T0);
  }

  @Test
  void an_issue_changed_on_one_side_keeps_that_sides_line_byte_for_byte() {
    String base =
        """
        {"id":"a","title":"A","created_at":"2025-11-02T21:58:07.1-08:00"}
        {"id":"b","title":"B","created_at":"2025-11-02T21:58:07.1-08:00"}
        """;
    String oursA =
        "{\"title\": \"A, ours\", \"id\": \"a\", \"created_at\": \"2025-11-02T21:58:07.1-08:00\","
            + " \"updated_at\": \"2025-11-03T00:00:00.000-08:00\", \"n\": 1e3}";
    String theirsB =
        "{\"id\":\"b\",\"content_hash\":\"x\",\"title\":\"B \\u0026 theirs\","
            + "\"created_at\":\"2025-11-02T21:58:07.100-08:00\",\"updated_at\":\"2025-11-05T00:00:00Z\"}";
    String ours = oursA + "\n" + base.substring(base.indexOf('\n') + 1);
    String theirs = base.substring(0, base.indexOf('\n') + 1) + theirsB + "\n";

    IssueMerge.Result result = IssueMerge.merge(read(base), read(ours), read(theirs));

    assertThat(result.conflicts()).isZero();
    assertThat(new String(CODEC.encodeFile(result.lines()), UTF_8))
        .isEqualTo(oursA + "\n" + theirsB + "\n");
  }

  @Test
  void an_issue_merged_field_by_field_is_written_in_the_style_of_the_later_sides_line() {
    String base =
        "{\"title\":\"T\",\"id\":\"a\",\"created_at\":\"2025-11-02T21:58:07.1-08:00\","
            + "\"notes\":\"n\"}\n";
    String ours = // earlier: the notes
        "{\"title\":\"T\",\"id\":\"a\",\"created_at\":\"2025-11-02T21:58:07.1-08:00\","
            + "\"updated_at\":\"2025-11-03T00:00:00-08:00\",\"notes\":\"mine <b>\"}\n";
    String theirs = // later: the title
        "{\"title\":\"Theirs\",\"id\":\"a\",\"created_at\":\"2025-11-02T21:58:07.1-08:00\","
            + "\"updated_at\":\"2025-11-04T00:00:00.5-08:00\",\"notes\":\"n\"}\n";

    IssueMerge.Result result = IssueMerge.merge(read(base), read(ours), read(theirs));

    assertThat(result.conflicts()).isEqualTo(1);
    assertThat(new String(CODEC.encodeFile(result.lines()), UTF_8))
        .isEqualTo(
            "{\"title\":\"Theirs\",\"id\":\"a\",\"created_at\":\"2025-11-02T21:58:07.1-08:00\","
                + "\"updated_at\":\"2025-11-04T00:00:00.5-08:00\",\"notes\":\"mine \\u003cb\\u003e\"}\n");
  }

  @Test
  void issues_new_on_either_side_are_all_kept() {
    IssueMerge.Result result =
        merge(
            List.of(),
            List.of(issue("a", "a", 1, List.of())),
            List.of(issue("b", "b", 1, List.of())));

    assertThat(result.issues()).extracting(Issue::id).containsExactly("a", "b");
    assertThat(result.conflicts()).isZero();
  }

  @Test
  void a_change_on_one_side_only_wins_whatever_its_time() {
    Issue base = issue("a", "base", 5, List.of());
    Issue changed = issue("a", "changed", 1, List.of());

    assertThat(merge(List.of(base), List.of(base), List.of(changed)).issues())
        .containsExactly(changed);
    assertThat(merge(List.of(base), List.of(changed), List.of(base)).issues())
        .containsExactly(changed);
  }

  @Test
  void on_both_sides_the_later_edit_wins_and_labels_are_united() {
    Issue base = issue("a", "base", 0, List.of("x"));
    Issue ours = issue("a", "ours", 2, List.of("x", "mine"));
    Issue theirs = issue("a", "theirs", 1, List.of("x", "yours"));

    IssueMerge.Result result = merge(List.of(base), List.of(ours), List.of(theirs));

    assertThat(result.conflicts()).isEqualTo(1);
    Issue merged = result.issues().get(0);
    assertThat(merged.title()).isEqualTo("ours");
    assertThat(merged.labels()).containsExactly("mine", "x", "yours");
    assertThat(merged.updatedAt()).isEqualTo(ours.updatedAt());
  }

  @Test
  void a_field_changed_on_one_side_only_is_kept_though_the_other_side_is_later() {
    Issue base = issue("a", "base", 0, List.of());
    Issue closed = // theirs, earlier: closed it
        issue("a", "base", 1, List.of(), List.of(), List.of(), Status.CLOSED, null);
    Issue retitled = issue("a", "retitled", 2, List.of()); // ours, later: only the title

    Issue merged = merge(List.of(base), List.of(retitled), List.of(closed)).issues().get(0);

    assertThat(merged.title()).isEqualTo("retitled");
    assertThat(merged.status()).isEqualTo(Status.CLOSED);
    assertThat(merged.updatedAt()).isEqualTo(retitled.updatedAt());
  }

  @Test
  void a_label_removed_on_one_side_stays_removed() {
    Issue base = issue("a", "base", 0, List.of("x", "y"));
    Issue ours = issue("a", "ours", 2, List.of("x", "y", "z"));
    Issue theirs = issue("a", "theirs", 1, List.of("x"));

    Issue merged = merge(List.of(base), List.of(ours), List.of(theirs)).issues().get(0);

    assertThat(merged.labels()).containsExactly("x", "z");
  }

  @Test
  void a_tombstone_beats_a_later_edit() {
    Issue base = issue("a", "base", 0, List.of());
    Issue edited = issue("a", "edited later", 9, List.of("new"));
    Issue deleted = tombstone("a", 1);

    for (IssueMerge.Result result :
        List.of(
            merge(List.of(base), List.of(edited), List.of(deleted)),
            merge(List.of(base), List.of(deleted), List.of(edited)))) {
      Issue merged = result.issues().get(0);
      assertThat(merged.isTombstone()).isTrue();
      assertThat(merged.updatedAt()).isEqualTo(edited.updatedAt());
    }
  }

  @Test
  void dependencies_are_merged_as_sets() {
    Dependency toB = new Dependency("a", "b", DependencyType.BLOCKS, T0, "", Map.of());
    Dependency toC = new Dependency("a", "c", DependencyType.RELATED, T0, "", Map.of());
    Dependency toD = new Dependency("a", "d", DependencyType.BLOCKS, T0, "", Map.of());
    Issue base = issue("a", "base", 0, List.of(), List.of(toB), List.of(), Status.OPEN, null);
    Issue ours = issue("a", "ours", 1, List.of(), List.of(toB, toC), List.of(), Status.OPEN, null);
    Issue theirs = issue("a", "theirs", 2, List.of(), List.of(toD), List.of(), Status.OPEN, null);

    Issue merged = merge(List.of(base), List.of(ours), List.of(theirs)).issues().get(0);

    assertThat(merged.dependencies()).containsExactly(toC, toD);
  }

  @Test
  void comments_with_the_same_number_are_both_kept_and_renumbered() {
    Comment shared = comment("a", 1, "shared", 0);
    Comment mine = comment("a", 2, "mine", 1);
    Comment yours = comment("a", 2, "yours", 2);
    Issue base = issue("a", "t", 0, List.of(), List.of(), List.of(shared), Status.OPEN, null);
    Issue ours = issue("a", "t", 1, List.of(), List.of(), List.of(shared, mine), Status.OPEN, null);
    Issue theirs =
        issue("a", "t", 2, List.of(), List.of(), List.of(shared, yours), Status.OPEN, null);

    Issue merged = merge(List.of(base), List.of(ours), List.of(theirs)).issues().get(0);

    assertThat(merged.comments())
        .extracting(Comment::id, Comment::text)
        .containsExactly(tuple(1L, "shared"), tuple(3L, "mine"), tuple(2L, "yours"));
  }

  @Test
  void merging_again_with_the_merged_result_changes_nothing() {
    Issue base = issue("a", "base", 0, List.of("x"));
    Issue ours = issue("a", "ours", 2, List.of("x", "mine"));
    Issue theirs = issue("a", "theirs", 1, List.of("yours"));
    List<Issue> merged = merge(List.of(base), List.of(ours), List.of(theirs)).issues();

    IssueMerge.Result again = merge(List.of(theirs), merged, List.of(theirs));

    assertThat(again.issues()).isEqualTo(merged);
    assertThat(again.conflicts()).isZero();
  }

  @Test
  void without_a_base_collections_are_united() {
    Issue ours = issue("a", "ours", 2, List.of("mine"));
    Issue theirs = issue("a", "theirs", 1, List.of("yours"));

    Issue merged = merge(List.of(), List.of(ours), List.of(theirs)).issues().get(0);

    assertThat(merged.labels()).containsExactly("mine", "yours");
  }

  private static Issue closed(Issue issue, int minute, String reason) {
    return issue.toBuilder()
        .set(IssueField.STATUS, Status.CLOSED)
        .set(IssueField.CLOSED_AT, Optional.of(T0.plusSeconds(60L * minute)))
        .set(IssueField.CLOSE_REASON, reason)
        .set(IssueField.UPDATED_AT, T0.plusSeconds(60L * minute))
        .build();
  }

  @Test
  void a_close_reason_given_on_the_earlier_side_survives_when_both_sides_closed() {
    Issue base = issue("a", "t", 0, List.of());
    Issue ours = closed(base, 1, "fixed in 1.2");
    Issue theirs = closed(base, 2, "");

    for (IssueMerge.Result result :
        List.of(
            merge(List.of(base), List.of(ours), List.of(theirs)),
            merge(List.of(base), List.of(theirs), List.of(ours)))) {
      Issue merged = result.issues().get(0);
      assertThat(merged.status()).isEqualTo(Status.CLOSED);
      assertThat(merged.closedAt()).isEqualTo(theirs.closedAt());
      assertThat(merged.closeReason()).isEqualTo("fixed in 1.2");
    }
  }

  @Test
  void creation_fields_changed_on_one_side_win_though_the_other_side_is_later() {
    Issue base = issue("a", "t", 5, List.of());
    Issue ours =
        base.toBuilder()
            .set(IssueField.CREATED_AT, T0.minusSeconds(3600))
            .set(IssueField.CREATED_BY, "ada")
            .set(IssueField.UPDATED_AT, T0.plusSeconds(360))
            .build();
    Issue theirs =
        base.with(IssueField.TITLE, "later").with(IssueField.UPDATED_AT, T0.plusSeconds(900));

    Issue merged = merge(List.of(base), List.of(ours), List.of(theirs)).issues().get(0);

    assertThat(merged.createdAt()).isEqualTo(T0.minusSeconds(3600));
    assertThat(merged.get(IssueField.CREATED_BY)).isEqualTo("ada");
    assertThat(merged.title()).isEqualTo("later");
    assertThat(merged.updatedAt()).isEqualTo(theirs.updatedAt());
  }

  @Test
  void an_updated_at_changed_on_one_side_only_wins_though_it_is_earlier() {
    // a clone whose clock is behind: its edit carries a time before the base's
    Issue base = issue("a", "t", 10, List.of());
    Issue ours = base.with(IssueField.TITLE, "behind").with(IssueField.UPDATED_AT, T0);
    Issue theirs = base.with(IssueField.NOTES, "theirs");

    Issue merged = merge(List.of(base), List.of(ours), List.of(theirs)).issues().get(0);

    assertThat(merged.title()).isEqualTo("behind");
    assertThat(merged.notes()).isEqualTo("theirs");
    assertThat(merged.updatedAt()).isEqualTo(T0);
  }

  @Test
  void a_dependency_changed_on_one_side_keeps_that_change_though_the_other_side_is_later() {
    Dependency before = new Dependency("a", "b", DependencyType.BLOCKS, T0, "", Map.of());
    Dependency changed = new Dependency("a", "b", DependencyType.BLOCKS, T0, "ada", Map.of());
    Issue base = issue("a", "t", 0, List.of(), List.of(before), List.of(), Status.OPEN, null);
    Issue ours = issue("a", "t", 1, List.of(), List.of(changed), List.of(), Status.OPEN, null);
    Issue theirs = issue("a", "later", 2, List.of(), List.of(before), List.of(), Status.OPEN, null);

    Issue merged = merge(List.of(base), List.of(ours), List.of(theirs)).issues().get(0);

    assertThat(merged.dependencies()).containsExactly(changed);
    assertThat(merged.title()).isEqualTo("later");
  }

  @Test
  void an_issue_one_side_removed_from_the_file_and_the_other_left_alone_is_removed() {
    Issue kept = issue("a", "kept", 0, List.of());
    Issue removed = issue("b", "removed", 0, List.of());

    for (IssueMerge.Result result :
        List.of(
            merge(List.of(kept, removed), List.of(kept), List.of(kept, removed)),
            merge(List.of(kept, removed), List.of(kept, removed), List.of(kept)))) {
      assertThat(result.issues()).containsExactly(kept);
    }
  }

  @Test
  void an_issue_one_side_removed_and_the_other_changed_is_kept_changed() {
    Issue base = issue("a", "base", 0, List.of());
    Issue changed = issue("a", "changed", 1, List.of());

    assertThat(merge(List.of(base), List.of(), List.of(changed)).issues()).containsExactly(changed);
    assertThat(merge(List.of(base), List.of(changed), List.of()).issues()).containsExactly(changed);
  }

  @Test
  void unknown_fields_are_merged_key_by_key() {
    Issue base =
        issue("a", "t", 0, List.of()).toBuilder().extras(Map.of("x", "1", "y", "1")).build();
    Issue ours =
        base.toBuilder()
            .extras(Map.of("x", "2", "y", "1"))
            .build()
            .with(IssueField.UPDATED_AT, T0.plusSeconds(60));
    Issue theirs =
        base.toBuilder()
            .extras(Map.of("x", "1", "y", "3", "z", "4"))
            .build()
            .with(IssueField.UPDATED_AT, T0.plusSeconds(120));

    Issue merged = merge(List.of(base), List.of(ours), List.of(theirs)).issues().get(0);

    assertThat(merged.extras())
        .containsExactlyInAnyOrderEntriesOf(Map.of("x", "2", "y", "3", "z", "4"));
  }

  @Test
  void a_merged_open_issue_has_no_close_time_and_a_merged_closed_one_has_one() {
    Issue base = closed(issue("a", "t", 0, List.of()), 1, "done");
    // ours reopens; theirs, later, moves the close time: the status is ours, so no close time
    Issue reopened =
        base.toBuilder()
            .set(IssueField.STATUS, Status.OPEN)
            .set(IssueField.CLOSED_AT, Optional.empty())
            .set(IssueField.UPDATED_AT, T0.plusSeconds(120))
            .build();
    Issue moved =
        base.with(IssueField.CLOSED_AT, Optional.of(T0.plusSeconds(600)))
            .with(IssueField.UPDATED_AT, T0.plusSeconds(600));

    Issue merged = merge(List.of(base), List.of(reopened), List.of(moved)).issues().get(0);

    assertThat(merged.status()).isEqualTo(Status.OPEN);
    assertThat(merged.closedAt()).isNull();
  }
}
