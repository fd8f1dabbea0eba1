package dev.tracker.core.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.BlockedIssue;
import dev.tracker.core.Comment;
import dev.tracker.core.ConflictException;
import dev.tracker.core.Event;
import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueNotFoundException;
import dev.tracker.core.IssueType;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Stats;
import dev.tracker.core.Status;
import dev.tracker.core.StorageException;
import dev.tracker.core.SyncResult;
import dev.tracker.core.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every value survives the trip through its wire shape. */
class WireTest {

  private static final Instant AT = Instant.parse("2026-11-26T10:15:30.123456Z");

  private static Params params(JsonNode node) {
    return new Params(Wire.JSON.readTree(node.toString()));
  }

  private static Issue issue() {
    return Issue.builder("tr-ab12")
        .set(IssueField.TITLE, "Title")
        .set(IssueField.DESCRIPTION, "Description")
        .set(IssueField.STATUS, Status.IN_PROGRESS)
        .set(IssueField.PRIORITY, 1)
        .set(IssueField.ISSUE_TYPE, IssueType.BUG)
        .set(IssueField.ASSIGNEE, "ada")
        .set(IssueField.CREATED_AT, AT)
        .set(IssueField.CREATED_BY, "ada")
        .set(IssueField.LABELS, List.of("x", "y"))
        .set(IssueField.COMMENTS, List.of(new Comment(1, "tr-ab12", "ada", "hello", AT, Map.of())))
        .extras(Map.of("pinned", "true"))
        .build();
  }

  @Test
  void an_issue_travels_in_the_shape_of_its_line() {
    JsonNode node = Wire.issue(issue());

    assertThat(node.get("issue_type").stringValue()).isEqualTo("bug");
    assertThat(node.get("pinned").booleanValue()).isTrue();
    assertThat(Wire.issue(node)).isEqualTo(issue());
    assertThat(Wire.issues(Wire.issues(List.of(issue())))).containsExactly(issue());
  }

  @Test
  void a_list_answer_is_written_as_the_same_json_array_without_a_tree() {
    // a second issue with the format's defaults, and a title that needs escaping
    Issue other =
        Wire.issue(
            Wire.JSON.readTree(
                "{\"id\":\"tr-cd34\",\"title\":\"second \u00e9 \\\"quoted\\\"\",\"created_at\":\""
                    + AT
                    + "\",\"updated_at\":\""
                    + AT
                    + "\"}"));
    List<Issue> issues = List.of(issue(), other);

    JsonNode answer = Wire.issuesAnswer(issues);
    JsonNode written = Wire.JSON.readTree(Wire.JSON.writeValueAsString(answer));

    assertThat(written).isEqualTo(Wire.issues(issues));
    assertThat(Wire.issues(written)).containsExactlyElementsOf(issues);
    assertThat(Wire.JSON.writeValueAsString(Wire.issuesAnswer(List.of()))).isEqualTo("[]");
  }

  @Test
  void a_new_issue_travels_as_params() {
    NewIssue issue =
        NewIssue.builder("Title")
            .description("d")
            .type(IssueType.FEATURE)
            .priority(0)
            .assignee("ada")
            .label("a", "b")
            .build();

    assertThat(Wire.newIssue(params(Wire.params(issue)))).isEqualTo(issue);
  }

  @Test
  void an_update_travels_as_params_with_only_its_fields() {
    IssueUpdate update = IssueUpdate.builder().title("t").priority(3).assignee("").build();

    JsonNode node = Wire.params("tr-1", update);

    assertThat(node.get("id").stringValue()).isEqualTo("tr-1");
    assertThat(node.has("description")).isFalse();
    assertThat(Wire.update(params(node))).isEqualTo(update);
  }

  @Test
  void a_filter_travels_as_params() {
    IssueFilter filter =
        IssueFilter.builder()
            .status(Status.OPEN, Status.BLOCKED)
            .type(IssueType.BUG)
            .priority(1)
            .assignee("ada")
            .label("ui")
            .text("crash")
            .limit(5)
            .build();

    assertThat(Wire.filter(params(Wire.params(filter)))).isEqualTo(filter);
    assertThat(Wire.filter(new Params(null))).isEqualTo(IssueFilter.all());
  }

  @Test
  void results_travel_and_come_back_equal() {
    Comment comment = new Comment(3, "tr-1", "ada", "text", AT, Map.of());
    Event event = new Event(7, "tr-1", Event.Type.LABEL_ADDED, "ada", null, "x", AT);
    Stats stats = new Stats(2, Map.of(Status.OPEN, 1, Status.CLOSED, 1), 1, 0);
    ExportResult export = new ExportResult(Path.of("/w/.tracker/issues.jsonl"), 2, true);
    ImportResult imported = new ImportResult(Path.of("/w/in.jsonl"), 5, 1, 1, 1, 1, 1);
    SyncResult sync = new SyncResult(2, 1, true, true, false, 1, Duration.ofMillis(42));
    BlockedIssue blocked = new BlockedIssue(issue(), List.of("tr-b", "tr-a"));

    assertThat(Wire.comment(Wire.comment(comment))).isEqualTo(comment);
    assertThat(Wire.events(Wire.events(List.of(event)))).containsExactly(event);
    assertThat(Wire.stats(Wire.stats(stats))).isEqualTo(stats);
    assertThat(Wire.export(Wire.export(export))).isEqualTo(export);
    assertThat(Wire.imported(Wire.imported(imported))).isEqualTo(imported);
    assertThat(Wire.sync(Wire.sync(sync))).isEqualTo(sync);
    assertThat(Wire.blocked(Wire.blocked(List.of(blocked)))).containsExactly(blocked);
  }

  @Test
  void a_sync_result_has_the_fields_of_the_design() {
    JsonNode node = Wire.sync(new SyncResult(2, 1, true, true, false, 0, Duration.ofMillis(42)));

    assertThat(node.get("status").stringValue()).isEqualTo("success");
    assertThat(node.get("stats").propertyNames())
        .contains("exported", "imported", "committed", "pulled", "pushed", "duration_ms");
    assertThat(Wire.syncFailure("boom", Duration.ZERO).get("error").stringValue())
        .isEqualTo("boom");
  }

  @Test
  void bad_params_name_the_param() {
    JsonNode node = Wire.JSON.readTree("{\"title\": 7, \"priority\": \"high\"}");

    assertThatThrownBy(() -> new Params(node).string("title"))
        .isInstanceOfSatisfying(
            RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.INVALID_PARAMS))
        .hasMessage("Invalid params: 'title' must be a string, was 7");
    assertThatThrownBy(() -> new Params(node).optionalInt("priority"))
        .hasMessage("Invalid params: 'priority' must be an integer, was \"high\"");
    assertThatThrownBy(() -> new Params(Wire.JSON.readTree("{}")).string("id"))
        .hasMessage("Invalid params: 'id' is required");
    assertThatThrownBy(() -> new Params(Wire.JSON.readTree("[1]")))
        .hasMessage("Invalid params: params must be an object");
  }

  @Test
  void errors_map_to_codes_and_back_to_the_same_exceptions() {
    RpcError notFound = RpcError.of(new IssueNotFoundException("tr-x"));
    assertThat(notFound.code()).isEqualTo(RpcError.NOT_FOUND);
    assertThat(RpcError.toException(notFound.code(), notFound.getMessage(), notFound.issueId()))
        .isInstanceOfSatisfying(
            IssueNotFoundException.class, e -> assertThat(e.issueId()).isEqualTo("tr-x"));

    assertThat(RpcError.of(new ValidationException("v")).code()).isEqualTo(RpcError.VALIDATION);
    assertThat(RpcError.of(new ConflictException("c")).code()).isEqualTo(RpcError.CONFLICT);
    assertThat(RpcError.of(new StorageException("s")).code())
        .isEqualTo(RpcError.STORAGE_UNAVAILABLE);
    assertThat(RpcError.of(new IllegalStateException("i")).code())
        .isEqualTo(RpcError.INTERNAL_ERROR);
    assertThat(RpcError.toException(RpcError.CONFLICT, "c", null))
        .isInstanceOf(ConflictException.class)
        .hasMessage("c");
    assertThat(RpcError.unknownMethod("nope").getMessage()).isEqualTo("Unknown method: nope");
  }

  @Test
  void method_names_are_those_of_the_design() {
    assertThat(Method.named("issue.create")).hasValue(Method.ISSUE_CREATE);
    assertThat(Method.named("nope")).isEmpty();
    assertThat(Method.ISSUE_CREATE.mutates()).isTrue();
    assertThat(Method.STATUS.mutates()).isFalse();
  }
}
