package dev.tracker.testkit;

import static dev.tracker.testkit.TrackerAssertions.assertThat;
import static dev.tracker.testkit.TrackerAssertions.assertThatThrownBy;

import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueType;
import dev.tracker.core.NewIssue;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerAssertionsTest {

  @TempDir Path workspace;
  private TrackerService tracker;

  @BeforeEach
  void open() throws Exception {
    Git.init().setInitialBranch("main").setDirectory(workspace.toFile()).call().close();
    tracker =
        TrackerService.embedded(
            TrackerConfig.builder(workspace)
                .readConfigFile(false)
                .environment(Map.of())
                .actor("tester")
                .build());
  }

  @AfterEach
  void closeTracker() {
    tracker.close();
  }

  @Test
  void issue_assertions_pass_on_a_matching_issue_and_name_the_field_when_not() {
    Issue design = tracker.create("design");
    Issue build =
        tracker.create(
            NewIssue.builder("build")
                .type(IssueType.BUG)
                .priority(1)
                .assignee("ada")
                .label("b", "a")
                .build());
    tracker.addDependency(build.id(), design.id(), DependencyType.BLOCKS);
    tracker.addComment(build.id(), "on it");
    Issue stored = tracker.get(build.id());

    assertThat(stored)
        .hasId(build.id())
        .hasTitle("build")
        .isOpen()
        .hasType(IssueType.BUG)
        .hasPriority(1)
        .hasAssignee("ada")
        .hasLabels("a", "b")
        .dependsOn(design.id())
        .hasComment("on it");
    assertThatThrownBy(() -> assertThat(stored).hasPriority(3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting issue:")
        .hasMessageContaining(build.id())
        .hasMessageContaining("to have priority:")
        .hasMessageContaining("3");
    assertThatThrownBy(() -> assertThat(stored).dependsOn("tr-none"))
        .hasMessageContaining("to depend on:")
        .hasMessageContaining("tr-none");
    assertThatThrownBy(() -> assertThat(stored).isClosed()).hasMessageContaining("closed");
    assertThatThrownBy(() -> assertThat((Issue) null).isOpen())
        .hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void closed_and_tombstone_are_told_apart() {
    Issue closed = tracker.close(tracker.create("c").id(), "done");
    Issue deleted = tracker.delete(tracker.create("d").id(), "dup");

    assertThat(closed).isClosed();
    assertThat(deleted).isTombstone();
    assertThatThrownBy(() -> assertThat(closed).isTombstone())
        .hasMessageContaining("to be a tombstone");
  }

  @Test
  void jsonl_file_assertions_read_the_file_with_the_library() throws Exception {
    Issue one = tracker.create("one");
    Issue two = tracker.close(tracker.create("two").id(), "done");
    Path file = tracker.exportJsonl().path();

    assertThat(file).exists().hasIssueCount(2).containsIssue(one.id()).doesNotContainIssue("tr-x");
    assertThat(file).issue(two.id()).isClosed().hasTitle("two");
    assertThatThrownBy(() -> assertThat(file).hasIssueCount(3))
        .hasMessageContaining("to hold 3 issues but it holds 2");
    assertThatThrownBy(() -> assertThat(file).containsIssue("tr-x"))
        .hasMessageContaining("to hold issue:")
        .hasMessageContaining(one.id());

    Path broken = Files.writeString(workspace.resolve("broken.jsonl"), "{\"title\":\"no id\"}\n");
    assertThatThrownBy(() -> assertThat(broken).hasIssueCount(1))
        .hasMessageContaining("to be valid JSONL")
        .hasMessageContaining("broken.jsonl:1");
    assertThatThrownBy(() -> assertThat(workspace.resolve("missing.jsonl")).hasIssueCount(0))
        .hasMessageContaining("to exist");
  }

  @Test
  void git_history_assertions_read_head() throws Exception {
    tracker.create("one");
    tracker.sync();
    tracker.create("two");
    tracker.sync();

    assertThat(GitHistory.of(workspace))
        .hasCommitCount(2)
        .hasLastCommitMessage("tracker: 1 issue changed")
        .hasLastCommitMessageContaining("1 issue")
        .containsFileInHead(".tracker/issues.jsonl");
    assertThatThrownBy(() -> assertThat(GitHistory.of(workspace)).hasCommitCount(5))
        .hasMessageContaining("to have 5 commits but it has 2");
    assertThatThrownBy(() -> assertThat(GitHistory.of(workspace)).containsFileInHead("nope.txt"))
        .hasMessageContaining("nope.txt");
  }

  @Test
  void assertj_assertions_come_with_the_same_import() {
    assertThat(List.of(1, 2)).hasSize(2);
    assertThat("text").startsWith("te");
  }
}
