package dev.tracker.core.internal.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Comment;
import dev.tracker.core.Dependency;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.IssueType;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Status;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.core.internal.jsonl.IssueLine;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import dev.tracker.core.internal.protocol.Params;
import dev.tracker.core.internal.protocol.Wire;
import dev.tracker.core.internal.sync.IssueMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field description alone drives every layer: for each {@link IssueField}, an issue whose value
 * of that field differs from the default survives the JSONL codec, the database (both ways of
 * reading it), the daemon's wire and the merge. A new field passes without touching this test as
 * long as its kind has a sample below.
 */
class EveryFieldTest {

  private static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456Z");
  private static final Instant T1 = Instant.parse("2025-02-03T04:05:06.5Z");

  private final JsonlCodec codec = new JsonlCodec();

  @TempDir Path workspace;

  /** An issue with the defaults, but for the field under test. */
  private static Issue issueWith(IssueField<?> field) {
    String id = "t-" + field.key();
    Issue base =
        Issue.builder(id).set(IssueField.TITLE, "T").set(IssueField.CREATED_AT, T0).build();
    return withSample(base, field);
  }

  private static <T> Issue withSample(Issue issue, IssueField<T> field) {
    return issue.with(field, sample(field, issue.id()));
  }

  /** A value of the field's kind that is not its default. */
  @SuppressWarnings("unchecked")
  private static <T> T sample(IssueField<T> field, String id) {
    Kind<T> kind = Schema.spec(field).kind();
    Object sample;
    if (kind == Kinds.TEXT) {
      sample = field == IssueField.ID ? id + "-renamed" : "<" + field.key() + "> & \u00e9";
    } else if (kind == Kinds.STATUS) {
      sample = Status.IN_PROGRESS;
    } else if (kind == Kinds.ISSUE_TYPE) {
      sample = IssueType.BUG;
    } else if (kind == Kinds.INT) {
      sample = 0;
    } else if (kind == Kinds.INSTANT) {
      sample = T1;
    } else if (kind == Kinds.OPTIONAL_INSTANT) {
      sample = Optional.of(T1);
    } else if (kind == Kinds.LABELS) {
      sample = List.of("a", "b");
    } else if (kind == Kinds.DEPENDENCIES) {
      sample = List.of(new Dependency(id, "t-other", DependencyType.BLOCKS, T1, "ada", Map.of()));
    } else if (kind == Kinds.COMMENTS) {
      sample = List.of(new Comment(1, id, "ada", "hello", T1, Map.of()));
    } else {
      throw new AssertionError("no sample for the kind of " + field + ": add one here");
    }
    return (T) sample;
  }

  @Test
  void every_field_round_trips_through_a_line() {
    for (IssueField<?> field : IssueField.values()) {
      Issue issue = issueWith(field);

      byte[] line = codec.encode(List.of(issue));

      assertThat(new String(line, UTF_8)).as(field.key()).contains("\"" + field.key() + "\":");
      assertThat(codec.decode(workspace.resolve("x.jsonl"), line, T0))
          .as(field.key())
          .containsExactly(issue);
    }
  }

  @Test
  void every_field_round_trips_through_the_database() throws IOException {
    List<Issue> issues = IssueField.values().stream().map(EveryFieldTest::issueWith).toList();
    Path file = Files.write(workspace.resolve("in.jsonl"), codec.encode(issues));

    try (TrackerService tracker = TrackerService.embedded(config())) {
      tracker.importJsonl(file);

      for (Issue issue : issues) {
        assertThat(tracker.get(issue.id())).as(issue.id()).isEqualTo(issue);
      }
      Path exported = tracker.exportJsonl().path();
      assertThat(codec.decode(exported, T0)).containsExactlyInAnyOrderElementsOf(issues);
    }
  }

  @Test
  void every_field_round_trips_through_the_wire() {
    for (IssueField<?> field : IssueField.values()) {
      Issue issue = issueWith(field);

      assertThat(Wire.issue(Wire.issue(issue))).as(field.key()).isEqualTo(issue);
    }
  }

  @Test
  void every_field_a_caller_sets_travels_as_a_param_and_is_stored() {
    List<IssueField<?>> settable = new ArrayList<>();
    try (TrackerService tracker = TrackerService.embedded(config())) {
      for (IssueField<?> field : IssueField.values()) {
        if (field.isSettableOnCreate()) {
          settable.add(field);
          createWith(tracker, field);
        }
        if (field.isSettableOnUpdate()) {
          updateWith(tracker, field);
        }
      }
    }
    assertThat(settable).isEqualTo(Schema.settableOnCreate());
  }

  private static <T> void createWith(TrackerService tracker, IssueField<T> field) {
    T value = sample(field, "t-new");
    NewIssue spec = NewIssue.builder("New").set(field, value).build();

    assertThat(Wire.newIssue(params(Wire.params(spec)))).as(field.key()).isEqualTo(spec);
    assertThat(tracker.create(spec).get(field)).as(field.key()).isEqualTo(value);
  }

  private static <T> void updateWith(TrackerService tracker, IssueField<T> field) {
    T value = sample(field, "t-new");
    IssueUpdate update = IssueUpdate.builder().set(field, value).build();
    Issue issue = tracker.create("Changed");

    assertThat(Wire.update(params(Wire.params(issue.id(), update))))
        .as(field.key())
        .isEqualTo(update);
    assertThat(tracker.update(issue.id(), update).get(field)).as(field.key()).isEqualTo(value);
    assertThat(tracker.get(issue.id()).get(field)).as(field.key()).isEqualTo(value);
  }

  @Test
  void every_field_changed_on_one_side_survives_a_merge_with_a_later_change_of_another() {
    for (IssueField<?> field : IssueField.values()) {
      if (field == IssueField.ID) {
        continue; // the id is what pairs the versions of an issue
      }
      Issue base =
          Issue.builder("t-1").set(IssueField.TITLE, "T").set(IssueField.CREATED_AT, T0).build();
      Issue ours = withSample(base, field).with(IssueField.UPDATED_AT, T0.plusSeconds(60));
      if (field == IssueField.CLOSED_AT) {
        ours = ours.with(IssueField.STATUS, Status.CLOSED); // a close time goes with a close
      }
      IssueField<String> other = field == IssueField.NOTES ? IssueField.TITLE : IssueField.NOTES;
      Issue theirs = base.with(other, "theirs").with(IssueField.UPDATED_AT, T0.plusSeconds(120));

      Issue merged =
          IssueMerge.merge(
                  List.of(IssueLine.of(base)),
                  List.of(IssueLine.of(ours)),
                  List.of(IssueLine.of(theirs)))
              .issues()
              .get(0);

      if (ours.isTombstone()) {
        // a deletion wins whole: a stale clone cannot bring the issue back
        assertThat(merged).isEqualTo(ours.with(IssueField.UPDATED_AT, theirs.updatedAt()));
        continue;
      }
      assertThat(merged.get(other)).as(field.key()).isEqualTo("theirs");
      if (field == IssueField.UPDATED_AT) {
        // both sides changed it: the later wins
        assertThat(merged.updatedAt()).isEqualTo(theirs.updatedAt());
      } else {
        assertThat(merged.get(field)).as(field.key()).isEqualTo(ours.get(field));
      }
    }
  }

  private static Params params(Object node) {
    return new Params(Wire.JSON.readTree(node.toString()));
  }

  private TrackerConfig config() {
    return TrackerConfig.builder(workspace)
        .readConfigFile(false)
        .environment(Map.of())
        .actor("tester")
        .build();
  }
}
