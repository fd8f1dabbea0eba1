package dev.tracker.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.BlockedIssue;
import dev.tracker.core.Comment;
import dev.tracker.core.ConflictException;
import dev.tracker.core.DependencyType;
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
import dev.tracker.core.SyncException;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerException;
import dev.tracker.core.ValidationException;
import dev.tracker.core.internal.protocol.RpcError;
import dev.tracker.core.internal.protocol.Wire;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Each operation goes out as its method and params of PROTOCOL.md, and its result comes back. */
class RemoteBackendTest {

  private static final Instant AT = Instant.parse("2026-11-26T10:15:30.123456Z");
  private static final Issue ISSUE =
      Issue.builder("tr-ab12")
          .set(IssueField.TITLE, "Title")
          .set(IssueField.DESCRIPTION, "Description")
          .set(IssueField.PRIORITY, 1)
          .set(IssueField.ISSUE_TYPE, IssueType.BUG)
          .set(IssueField.ASSIGNEE, "ada")
          .set(IssueField.CREATED_AT, AT)
          .set(IssueField.CREATED_BY, "ada")
          .set(IssueField.LABELS, List.of("ui"))
          .build();

  @TempDir Path directory;
  private CannedDaemon daemon;
  private RemoteBackend backend;

  @BeforeEach
  void start() {
    daemon = CannedDaemon.start(directory.resolve("daemon.sock"));
    backend = new RemoteBackend(new DaemonClient(daemon.socket()));
  }

  @AfterEach
  void stop() {
    backend.close();
    daemon.close();
  }

  private JsonNode sent(String method) {
    return daemon.lastRequest(method).path("params");
  }

  private static JsonNode json(String text) {
    return Wire.JSON.readTree(text);
  }

  private void answer(String method, JsonNode result) {
    daemon.reply(method, CannedDaemon.result(result));
  }

  private void fail(String method, int code, String message) {
    daemon.reply(method, CannedDaemon.error(code, message, null));
  }

  @Test
  void create_sends_the_new_issue_and_reads_the_issue() {
    answer("issue.create", Wire.issue(ISSUE));

    Issue created =
        backend.create(
            NewIssue.builder("Title")
                .description("Description")
                .type(IssueType.BUG)
                .priority(1)
                .assignee("ada")
                .label("ui")
                .build());

    assertThat(created).isEqualTo(ISSUE);
    assertThat(sent("issue.create"))
        .isEqualTo(
            json(
                """
                {"title":"Title","description":"Description","status":"open","priority":1,
                 "issue_type":"bug","assignee":"ada","labels":["ui"]}"""));
  }

  @Test
  void find_asks_for_the_id_and_reads_the_issue() {
    answer("issue.get", Wire.issue(ISSUE));

    assertThat(backend.find("tr-ab12")).contains(ISSUE);
    assertThat(sent("issue.get")).isEqualTo(json("{\"id\":\"tr-ab12\"}"));
  }

  @Test
  void find_of_an_unknown_id_is_empty() {
    daemon.reply(
        "issue.get",
        CannedDaemon.error(
            RpcError.NOT_FOUND, "No issue with id 'tr-x'", json("{\"id\":\"tr-x\"}")));

    assertThat(backend.find("tr-x")).isEmpty();
  }

  @Test
  void list_sends_the_filter_and_reads_the_issues() {
    answer("issue.list", Wire.issues(List.of(ISSUE)));

    List<Issue> issues =
        backend.list(
            IssueFilter.builder()
                .status(Status.OPEN)
                .type(IssueType.BUG)
                .priority(1)
                .assignee("ada")
                .label("ui")
                .text("crash")
                .limit(5)
                .build());

    assertThat(issues).containsExactly(ISSUE);
    assertThat(sent("issue.list"))
        .isEqualTo(
            json(
                """
                {"status":["open"],"issue_type":["bug"],"priority":1,"assignee":"ada",
                 "labels":["ui"],"text":"crash","limit":5}"""));
  }

  @Test
  void update_sends_only_the_fields_it_changes() {
    answer("issue.update", Wire.issue(ISSUE));

    Issue updated =
        backend.update(
            "tr-ab12", IssueUpdate.builder().title("New").status(Status.BLOCKED).build());

    assertThat(updated).isEqualTo(ISSUE);
    assertThat(sent("issue.update"))
        .isEqualTo(json("{\"id\":\"tr-ab12\",\"title\":\"New\",\"status\":\"blocked\"}"));
  }

  @Test
  void close_reopen_and_delete_send_the_id_and_the_reason() {
    answer("issue.close", Wire.issue(ISSUE));
    answer("issue.reopen", Wire.issue(ISSUE));
    answer("issue.delete", Wire.issue(ISSUE));

    assertThat(backend.close("tr-ab12", "done")).isEqualTo(ISSUE);
    assertThat(backend.reopen("tr-ab12")).isEqualTo(ISSUE);
    assertThat(backend.delete("tr-ab12", "dup")).isEqualTo(ISSUE);

    assertThat(sent("issue.close")).isEqualTo(json("{\"id\":\"tr-ab12\",\"reason\":\"done\"}"));
    assertThat(sent("issue.reopen")).isEqualTo(json("{\"id\":\"tr-ab12\"}"));
    assertThat(sent("issue.delete")).isEqualTo(json("{\"id\":\"tr-ab12\",\"reason\":\"dup\"}"));
  }

  @Test
  void ready_sends_the_filter_without_status() {
    answer("issue.ready", Wire.issues(List.of(ISSUE)));

    List<Issue> ready = backend.ready(IssueFilter.builder().assignee("ada").build());

    assertThat(ready).containsExactly(ISSUE);
    assertThat(sent("issue.ready"))
        .isEqualTo(json("{\"issue_type\":[],\"assignee\":\"ada\",\"labels\":[],\"limit\":0}"));
  }

  @Test
  void blocked_sends_no_params_and_reads_issues_with_their_blockers() {
    BlockedIssue blocked = new BlockedIssue(ISSUE, List.of("tr-a", "tr-b"));
    answer("issue.blocked", Wire.blocked(List.of(blocked)));

    assertThat(backend.blocked()).containsExactly(blocked);
    assertThat(daemon.lastRequest("issue.blocked").has("params")).isFalse();
  }

  @Test
  void dependencies_send_both_ids_and_the_type() {
    answer("dep.add", Wire.issue(ISSUE));
    answer("dep.remove", Wire.issue(ISSUE));

    assertThat(backend.addDependency("tr-ab12", "tr-cd34", DependencyType.PARENT_CHILD))
        .isEqualTo(ISSUE);
    assertThat(backend.removeDependency("tr-ab12", "tr-cd34", DependencyType.BLOCKS))
        .isEqualTo(ISSUE);

    assertThat(sent("dep.add"))
        .isEqualTo(
            json(
                "{\"issue_id\":\"tr-ab12\",\"depends_on_id\":\"tr-cd34\",\"type\":\"parent-child\"}"));
    assertThat(sent("dep.remove"))
        .isEqualTo(
            json("{\"issue_id\":\"tr-ab12\",\"depends_on_id\":\"tr-cd34\",\"type\":\"blocks\"}"));
  }

  @Test
  void labels_send_the_id_and_the_label() {
    answer("label.add", Wire.issue(ISSUE));
    answer("label.remove", Wire.issue(ISSUE));

    assertThat(backend.addLabel("tr-ab12", "ui")).isEqualTo(ISSUE);
    assertThat(backend.removeLabel("tr-ab12", "old")).isEqualTo(ISSUE);

    assertThat(sent("label.add")).isEqualTo(json("{\"id\":\"tr-ab12\",\"label\":\"ui\"}"));
    assertThat(sent("label.remove")).isEqualTo(json("{\"id\":\"tr-ab12\",\"label\":\"old\"}"));
  }

  @Test
  void a_comment_sends_the_text_and_reads_the_comment() {
    Comment comment = new Comment(3, "tr-ab12", "ada", "looks good", AT, Map.of());
    answer("comment.add", Wire.comment(comment));

    assertThat(backend.addComment("tr-ab12", "looks good")).isEqualTo(comment);
    assertThat(sent("comment.add")).isEqualTo(json("{\"id\":\"tr-ab12\",\"text\":\"looks good\"}"));
  }

  @Test
  void history_uses_issue_history_and_reads_the_events() {
    Event event = new Event(7, "tr-ab12", Event.Type.LABEL_ADDED, "ada", null, "ui", AT);
    answer("issue.history", Wire.events(List.of(event)));

    assertThat(backend.history("tr-ab12")).containsExactly(event);
    assertThat(sent("issue.history")).isEqualTo(json("{\"id\":\"tr-ab12\"}"));
  }

  @Test
  void stats_are_read_back() {
    Stats stats = new Stats(2, Map.of(Status.OPEN, 1, Status.CLOSED, 1), 1, 0);
    answer("stats", Wire.stats(stats));

    assertThat(backend.stats()).isEqualTo(stats);
    assertThat(daemon.lastRequest("stats").has("params")).isFalse();
  }

  @Test
  void export_is_read_back() {
    ExportResult export = new ExportResult(Path.of("/w/.tracker/issues.jsonl"), 2, true);
    answer("export", Wire.export(export));

    assertThat(backend.exportJsonl()).isEqualTo(export);
  }

  @Test
  void import_sends_the_path_made_absolute() {
    ImportResult imported = new ImportResult(Path.of("/w/in.jsonl"), 5, 1, 1, 1, 1, 1);
    answer("import", Wire.imported(imported));

    assertThat(backend.importJsonl(Path.of("in.jsonl"))).isEqualTo(imported);
    assertThat(sent("import").path("path").stringValue())
        .isEqualTo(Path.of("in.jsonl").toAbsolutePath().toString());
  }

  @Test
  void a_successful_sync_is_read_back() {
    SyncResult sync = new SyncResult(2, 1, true, true, false, 1, Duration.ofMillis(42));
    answer("sync", Wire.sync(sync));

    assertThat(backend.sync()).isEqualTo(sync);
  }

  @Test
  void a_failed_sync_is_a_sync_exception_with_the_daemons_error() {
    answer("sync", Wire.syncFailure("push rejected: non-fast-forward", Duration.ofMillis(5)));

    assertThatThrownBy(backend::sync)
        .isExactlyInstanceOf(SyncException.class)
        .hasMessage("push rejected: non-fast-forward");
  }

  @Test
  void not_found_is_an_issue_not_found_exception_with_its_id() {
    daemon.reply(
        "issue.update",
        CannedDaemon.error(
            RpcError.NOT_FOUND, "No issue with id 'tr-x'", json("{\"id\":\"tr-x\"}")));

    assertThatThrownBy(() -> backend.update("tr-x", IssueUpdate.builder().title("t").build()))
        .isInstanceOfSatisfying(
            IssueNotFoundException.class, e -> assertThat(e.issueId()).isEqualTo("tr-x"));
  }

  @Test
  void validation_and_invalid_params_are_validation_exceptions() {
    fail("issue.create", RpcError.VALIDATION, "priority must be 0 to 4, was 9");
    fail("label.add", RpcError.INVALID_PARAMS, "Invalid params: 'label' is required");

    assertThatThrownBy(() -> backend.create(NewIssue.of("x")))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessage("priority must be 0 to 4, was 9");
    assertThatThrownBy(() -> backend.addLabel("tr-1", "ui"))
        .isExactlyInstanceOf(ValidationException.class)
        .hasMessageContaining("'label'");
  }

  @Test
  void a_conflict_is_a_conflict_exception() {
    fail("dep.add", RpcError.CONFLICT, "cycle: tr-a -> tr-b -> tr-a");

    assertThatThrownBy(() -> backend.addDependency("tr-a", "tr-b", DependencyType.BLOCKS))
        .isExactlyInstanceOf(ConflictException.class)
        .hasMessage("cycle: tr-a -> tr-b -> tr-a");
  }

  @Test
  void storage_unavailable_is_a_storage_exception() {
    fail("issue.list", RpcError.STORAGE_UNAVAILABLE, "database is locked");

    assertThatThrownBy(() -> backend.list(IssueFilter.all()))
        .isExactlyInstanceOf(StorageException.class)
        .hasMessage("database is locked");
  }

  @Test
  void an_unknown_method_or_internal_error_is_a_tracker_exception() {
    // no reply configured for stats: the canned daemon answers -32601 like the real one
    assertThatThrownBy(backend::stats)
        .isExactlyInstanceOf(TrackerException.class)
        .hasMessageContaining("Unknown method: stats");
  }

  @Test
  void a_result_the_client_cannot_read_is_a_tracker_exception_naming_the_method() {
    answer("stats", json("{\"total\":\"many\"}"));

    assertThatThrownBy(backend::stats)
        .isExactlyInstanceOf(TrackerException.class)
        .hasMessageContaining("answered stats with a result this client cannot read");
  }
}
