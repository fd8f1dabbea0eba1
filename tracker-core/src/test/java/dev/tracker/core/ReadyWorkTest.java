package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyWorkTest {

  @TempDir Path workspace;
  private TrackerService tracker;

  @BeforeEach
  void open() {
    tracker = Workspaces.embedded(workspace);
  }

  @AfterEach
  void closeTracker() {
    tracker.close();
  }

  @Test
  void an_issue_with_an_open_blocker_is_not_ready() {
    Issue design = tracker.create("design");
    Issue build = tracker.create("build");

    tracker.addDependency(build.id(), design.id(), DependencyType.BLOCKS);

    assertThat(tracker.ready()).extracting(Issue::id).containsExactly(design.id());
    assertThat(tracker.blocked())
        .singleElement()
        .satisfies(
            blocked -> {
              assertThat(blocked.issue().id()).isEqualTo(build.id());
              assertThat(blocked.blockedBy()).containsExactly(design.id());
            });
  }

  @Test
  void closing_the_blocker_makes_the_issue_ready() {
    Issue design = tracker.create("design");
    Issue build = tracker.create("build");
    tracker.addDependency(build.id(), design.id(), DependencyType.BLOCKS);

    tracker.close(design.id(), "done");

    assertThat(tracker.ready()).extracting(Issue::id).containsExactly(build.id());
    assertThat(tracker.blocked()).isEmpty();
  }

  @Test
  void deleting_the_blocker_makes_the_issue_ready() {
    Issue design = tracker.create("design");
    Issue build = tracker.create("build");
    tracker.addDependency(build.id(), design.id(), DependencyType.BLOCKS);

    tracker.delete(design.id(), "not needed");

    assertThat(tracker.ready()).extracting(Issue::id).containsExactly(build.id());
  }

  @Test
  void only_blocks_links_hold_work_back() {
    Issue epic = tracker.create("epic");
    Issue child = tracker.create("child");
    Issue related = tracker.create("related");
    tracker.addDependency(child.id(), epic.id(), DependencyType.PARENT_CHILD);
    tracker.addDependency(related.id(), child.id(), DependencyType.RELATED);

    assertThat(tracker.ready()).hasSize(3);
  }

  @Test
  void ready_work_is_open_only_and_ordered_by_priority_then_age() {
    Issue low = tracker.create(NewIssue.builder("low").priority(3).build());
    Issue urgent = tracker.create(NewIssue.builder("urgent").priority(0).build());
    Issue started = tracker.create("started");
    tracker.update(started.id(), IssueUpdate.builder().status(Status.IN_PROGRESS).build());

    assertThat(tracker.ready()).extracting(Issue::id).containsExactly(urgent.id(), low.id());
  }

  @Test
  void ready_takes_filters_but_not_statuses() {
    tracker.create(NewIssue.builder("mine").assignee("ada").build());
    tracker.create("theirs");

    assertThat(tracker.ready(IssueFilter.builder().assignee("ada").build()))
        .extracting(Issue::title)
        .containsExactly("mine");
    assertThatThrownBy(() -> tracker.ready(IssueFilter.builder().status(Status.CLOSED).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("statuses");
  }

  @Test
  void a_blocks_cycle_is_refused_with_the_cycle_named() {
    Issue a = tracker.create("a");
    Issue b = tracker.create("b");
    Issue c = tracker.create("c");
    tracker.addDependency(a.id(), b.id(), DependencyType.BLOCKS);
    tracker.addDependency(b.id(), c.id(), DependencyType.BLOCKS);

    assertThatThrownBy(() -> tracker.addDependency(c.id(), a.id(), DependencyType.BLOCKS))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(c.id() + " -> " + a.id() + " -> " + b.id() + " -> " + c.id());
    assertThat(tracker.get(c.id()).dependencies()).isEmpty();
  }

  @Test
  void a_cycle_of_other_link_types_is_allowed() {
    Issue a = tracker.create("a");
    Issue b = tracker.create("b");
    tracker.addDependency(a.id(), b.id(), DependencyType.RELATED);

    Issue linked = tracker.addDependency(b.id(), a.id(), DependencyType.RELATED);

    assertThat(linked.dependsOn(DependencyType.RELATED)).containsExactly(a.id());
  }

  @Test
  void an_issue_cannot_depend_on_itself() {
    Issue a = tracker.create("a");

    assertThatThrownBy(() -> tracker.addDependency(a.id(), a.id(), DependencyType.BLOCKS))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(a.id());
  }

  @Test
  void a_dependency_on_a_missing_issue_is_refused() {
    Issue a = tracker.create("a");

    assertThatThrownBy(() -> tracker.addDependency(a.id(), "tr-nope", DependencyType.BLOCKS))
        .isInstanceOf(IssueNotFoundException.class)
        .hasMessageContaining("tr-nope");
  }

  @Test
  void removing_a_dependency_unblocks_and_is_recorded() {
    Issue a = tracker.create("a");
    Issue b = tracker.create("b");
    tracker.addDependency(a.id(), b.id(), DependencyType.BLOCKS);

    Issue unlinked = tracker.removeDependency(a.id(), b.id(), DependencyType.BLOCKS);

    assertThat(unlinked.dependencies()).isEmpty();
    assertThat(tracker.ready()).hasSize(2);
    assertThat(tracker.history(a.id()))
        .extracting(Event::type)
        .containsExactly(
            Event.Type.CREATED, Event.Type.DEPENDENCY_ADDED, Event.Type.DEPENDENCY_REMOVED);
  }
}
