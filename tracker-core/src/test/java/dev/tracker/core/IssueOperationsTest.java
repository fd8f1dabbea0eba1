package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueOperationsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:15:30.123456789Z");

  @TempDir Path workspace;
  private TrackerService tracker;

  @BeforeEach
  void open() {
    tracker =
        TrackerService.embedded(
            Workspaces.isolated(workspace)
                .prefix("app")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build());
  }

  @AfterEach
  void closeTracker() {
    tracker.close();
  }

  @Test
  void create_fills_in_id_times_author_and_defaults() {
    Issue issue = tracker.create("Write the store");

    assertThat(issue.id()).matches("app-[0-9a-z]{4}");
    assertThat(issue.title()).isEqualTo("Write the store");
    assertThat(issue.status()).isEqualTo(Status.OPEN);
    assertThat(issue.issueType()).isEqualTo(IssueType.TASK);
    assertThat(issue.priority()).isEqualTo(NewIssue.DEFAULT_PRIORITY);
    assertThat(issue.createdBy()).isEqualTo("tester");
    assertThat(issue.createdAt()).isEqualTo(Instant.parse("2026-11-26T10:15:30.123456Z"));
    assertThat(issue.updatedAt()).isEqualTo(issue.createdAt());
    assertThat(tracker.get(issue.id())).isEqualTo(issue);
  }

  @Test
  void create_keeps_every_field_given() {
    Issue issue =
        tracker.create(
            NewIssue.builder("Login fails")
                .description("On empty password")
                .design("Check first")
                .acceptanceCriteria("A clear message")
                .notes("Seen twice")
                .type(IssueType.BUG)
                .priority(0)
                .assignee("ada")
                .owner("grace")
                .externalRef("gh-12")
                .label("auth", "ui", "auth")
                .build());

    Issue stored = tracker.get(issue.id());
    assertThat(stored).isEqualTo(issue);
    assertThat(stored.description()).isEqualTo("On empty password");
    assertThat(stored.design()).isEqualTo("Check first");
    assertThat(stored.acceptanceCriteria()).isEqualTo("A clear message");
    assertThat(stored.notes()).isEqualTo("Seen twice");
    assertThat(stored.issueType()).isEqualTo(IssueType.BUG);
    assertThat(stored.priority()).isZero();
    assertThat(stored.assignee()).isEqualTo("ada");
    assertThat(stored.owner()).isEqualTo("grace");
    assertThat(stored.externalRef()).isEqualTo("gh-12");
    assertThat(stored.labels()).containsExactly("auth", "ui");
  }

  @Test
  void ids_are_unique_across_many_issues_with_the_same_title() {
    for (int i = 0; i < 300; i++) {
      tracker.create("same title, same instant");
    }

    assertThat(tracker.list().stream().map(Issue::id).distinct()).hasSize(300);
  }

  @Test
  void find_and_get_tell_a_missing_issue() {
    assertThat(tracker.find("app-none")).isEmpty();
    assertThatThrownBy(() -> tracker.get("app-none"))
        .isInstanceOf(IssueNotFoundException.class)
        .hasMessageContaining("app-none");
  }

  @Test
  void update_changes_only_the_fields_it_sets_and_records_them() {
    Issue issue = tracker.create(NewIssue.builder("Old").priority(3).build());

    Issue updated =
        tracker.update(issue.id(), IssueUpdate.builder().title("New").assignee("ada").build());

    assertThat(updated.title()).isEqualTo("New");
    assertThat(updated.assignee()).isEqualTo("ada");
    assertThat(updated.priority()).isEqualTo(3);
    assertThat(tracker.history(issue.id()))
        .extracting(Event::type, Event::oldValue, Event::newValue)
        .containsExactly(
            tuple(Event.Type.CREATED, null, "Old"),
            tuple(Event.Type.UPDATED, "title=Old", "title=New"),
            tuple(Event.Type.UPDATED, "assignee=", "assignee=ada"));
  }

  @Test
  void an_update_that_changes_nothing_records_nothing() {
    Issue issue = tracker.create("Same");

    Issue updated = tracker.update(issue.id(), IssueUpdate.builder().title("Same").build());

    assertThat(updated).isEqualTo(issue);
    assertThat(tracker.history(issue.id())).hasSize(1);
  }

  @Test
  void close_and_reopen_keep_close_time_and_reason_consistent() {
    Issue issue = tracker.create("Ship it");

    Issue closed = tracker.close(issue.id(), "shipped");
    assertThat(closed.status()).isEqualTo(Status.CLOSED);
    assertThat(closed.closedAt()).isNotNull();
    assertThat(closed.closeReason()).isEqualTo("shipped");

    Issue reopened = tracker.reopen(issue.id());
    assertThat(reopened.status()).isEqualTo(Status.OPEN);
    assertThat(reopened.closedAt()).isNull();
    assertThat(reopened.closeReason()).isEmpty();
  }

  @Test
  void closing_a_closed_issue_changes_nothing() {
    Issue issue = tracker.create("Once");
    Issue closed = tracker.close(issue.id(), "first");

    assertThat(tracker.close(issue.id(), "second")).isEqualTo(closed);
  }

  @Test
  void moving_to_closed_through_update_sets_the_close_time() {
    Issue issue = tracker.create("Via update");

    Issue closed = tracker.update(issue.id(), IssueUpdate.builder().status(Status.CLOSED).build());

    assertThat(closed.closedAt()).isNotNull();
  }

  @Test
  void delete_leaves_a_tombstone_that_lists_leave_out() {
    Issue issue = tracker.create(NewIssue.builder("Doomed").type(IssueType.BUG).build());

    Issue tombstone = tracker.delete(issue.id(), "duplicate");

    assertThat(tombstone.isTombstone()).isTrue();
    assertThat(tombstone.status()).isEqualTo(Status.TOMBSTONE);
    assertThat(tombstone.deletedAt()).isNotNull();
    assertThat(tombstone.deletedBy()).isEqualTo("tester");
    assertThat(tombstone.deleteReason()).isEqualTo("duplicate");
    assertThat(tombstone.originalType()).isEqualTo("bug");
    assertThat(tracker.list()).isEmpty();
    assertThat(tracker.list(IssueFilter.builder().status(Status.TOMBSTONE).build()))
        .containsExactly(tombstone);
    assertThat(tracker.get(issue.id())).isEqualTo(tombstone);
  }

  @Test
  void a_tombstone_cannot_be_changed() {
    Issue issue = tracker.create("Doomed");
    tracker.delete(issue.id(), "gone");

    assertThatThrownBy(() -> tracker.update(issue.id(), IssueUpdate.builder().title("x").build()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(issue.id())
        .hasMessageContaining("deleted");
    assertThatThrownBy(() -> tracker.addLabel(issue.id(), "x"))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void labels_are_added_once_and_removed() {
    Issue issue = tracker.create("Labelled");

    tracker.addLabel(issue.id(), "b");
    tracker.addLabel(issue.id(), "a");
    Issue twice = tracker.addLabel(issue.id(), "a");
    assertThat(twice.labels()).containsExactly("a", "b");

    assertThat(tracker.removeLabel(issue.id(), "b").labels()).containsExactly("a");
    assertThat(tracker.list(IssueFilter.builder().label("a").build())).hasSize(1);
  }

  @Test
  void comments_are_numbered_and_kept_in_order() {
    Issue issue = tracker.create("Discussed");

    Comment first = tracker.addComment(issue.id(), "first");
    Comment second = tracker.addComment(issue.id(), "second");

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(first.author()).isEqualTo("tester");
    assertThat(tracker.get(issue.id()).comments()).containsExactly(first, second);
  }

  @Test
  void changes_beside_the_issue_move_its_update_time() {
    TrackerService later =
        TrackerService.embedded(
            Workspaces.isolated(workspace.resolve("later")).clock(new SteppingClock(NOW)).build());
    try (later) {
      Issue issue = later.create("Touched");
      Issue labelled = later.addLabel(issue.id(), "x");
      assertThat(labelled.updatedAt()).isAfter(issue.updatedAt());
    }
  }

  @Test
  void bad_input_names_the_field_and_value_and_writes_nothing() {
    tracker.create("existing");

    assertThatThrownBy(() -> tracker.create(" "))
        .isInstanceOf(ValidationException.class)
        .hasMessage("title must not be blank, was ' '");
    assertThatThrownBy(() -> NewIssue.builder("ok").priority(7).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("priority must be between 0 and 4, was '7'");
    assertThatThrownBy(() -> tracker.addLabel(tracker.list().get(0).id(), "two words "))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("label")
        .hasMessageContaining("'two words '");
    assertThatThrownBy(() -> IssueUpdate.builder().status(Status.TOMBSTONE).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("status");

    assertThat(tracker.stats().total()).isEqualTo(1);
  }

  @Test
  void list_filters_combine() {
    tracker.create(NewIssue.builder("Crash on start").type(IssueType.BUG).priority(0).build());
    tracker.create(
        NewIssue.builder("Crash on exit").type(IssueType.BUG).priority(1).assignee("ada").build());
    tracker.create(NewIssue.builder("Dark mode").type(IssueType.FEATURE).label("ui").build());

    assertThat(titles(IssueFilter.builder().type(IssueType.BUG).build()))
        .containsExactly("Crash on start", "Crash on exit");
    assertThat(titles(IssueFilter.builder().assignee("ada").build()))
        .containsExactly("Crash on exit");
    assertThat(titles(IssueFilter.builder().priority(0).build())).containsExactly("Crash on start");
    assertThat(titles(IssueFilter.builder().label("ui").build())).containsExactly("Dark mode");
    assertThat(titles(IssueFilter.builder().text("crash ON").build())).hasSize(2);
    assertThat(titles(IssueFilter.builder().text("crash").limit(1).build()))
        .containsExactly("Crash on start");
    assertThat(titles(IssueFilter.builder().text("100%_").build())).isEmpty();
  }

  @Test
  void stats_count_by_status() {
    Issue a = tracker.create("a");
    Issue b = tracker.create("b");
    tracker.create("c");
    tracker.close(a.id(), "done");
    tracker.delete(b.id(), "gone");

    Stats stats = tracker.stats();

    assertThat(stats.total()).isEqualTo(2);
    assertThat(stats.count(Status.OPEN)).isEqualTo(1);
    assertThat(stats.count(Status.CLOSED)).isEqualTo(1);
    assertThat(stats.count(Status.TOMBSTONE)).isEqualTo(1);
    assertThat(stats.ready()).isEqualTo(1);
  }

  private List<String> titles(IssueFilter filter) {
    return tracker.list(filter).stream().map(Issue::title).toList();
  }
}
