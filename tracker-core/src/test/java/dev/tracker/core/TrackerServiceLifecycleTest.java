package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerServiceLifecycleTest {

  @TempDir Path workspace;

  private String poolThreads() {
    return "tracker-db[" + workspace.getFileName() + "]";
  }

  @Test
  void creating_a_service_opens_nothing() {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      assertThat(tracker.config().databasePath()).doesNotExist();
      assertThat(Workspaces.threadsNamed(poolThreads())).isZero();
    }
  }

  @Test
  void the_first_call_opens_the_database_and_its_pool() {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      tracker.list();

      assertThat(tracker.config().databasePath()).exists();
      assertThat(Workspaces.threadsNamed(poolThreads())).isPositive();
    }
  }

  @Test
  void close_returns_once_every_pool_thread_has_ended() {
    // many rounds: a thread of the pool still leaving when close() returns shows in some of them
    // (HikariCP stops its housekeeper without waiting, and waits for its closer of connections as
    // an executor, whose worker thread then still has to leave)
    for (int round = 0; round < 100; round++) {
      TrackerService tracker = Workspaces.embedded(workspace);
      tracker.create("round " + round);
      assertThat(Workspaces.threadsNamed(poolThreads())).as("round %s", round).isPositive();

      tracker.close();

      assertThat(Workspaces.threadNames(poolThreads())).as("round %s", round).isEmpty();
    }
  }

  @Test
  void close_releases_the_database_file() throws Exception {
    TrackerService tracker = Workspaces.embedded(workspace);
    tracker.create("something");

    tracker.close();

    // SQLite removes the write-ahead log when the last connection closes
    Path wal = Path.of(tracker.config().databasePath() + "-wal");
    assertThat(wal).doesNotExist();
    assertThat(Files.size(tracker.config().databasePath())).isPositive();
  }

  @Test
  void closing_twice_is_a_no_op() {
    TrackerService tracker = Workspaces.embedded(workspace);
    tracker.list();

    tracker.close();
    tracker.close();

    assertThatThrownBy(tracker::list).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void every_call_after_close_throws() {
    TrackerService tracker = Workspaces.embedded(workspace);
    Issue issue = tracker.create("before close");
    tracker.close();

    List<Consumer<TrackerService>> calls =
        List.of(
            t -> t.create("after close"),
            t -> t.find(issue.id()),
            t -> t.get(issue.id()),
            TrackerService::list,
            t -> t.update(issue.id(), IssueUpdate.builder().title("x").build()),
            t -> t.close(issue.id(), "done"),
            t -> t.reopen(issue.id()),
            t -> t.delete(issue.id(), "gone"),
            TrackerService::ready,
            TrackerService::blocked,
            t -> t.addDependency(issue.id(), "tr-other", DependencyType.BLOCKS),
            t -> t.removeDependency(issue.id(), "tr-other", DependencyType.BLOCKS),
            t -> t.addLabel(issue.id(), "x"),
            t -> t.removeLabel(issue.id(), "x"),
            t -> t.addComment(issue.id(), "x"),
            t -> t.history(issue.id()),
            TrackerService::stats,
            TrackerService::exportJsonl,
            TrackerService::importJsonl,
            TrackerService::sync);
    for (Consumer<TrackerService> call : calls) {
      assertThatThrownBy(() -> call.accept(tracker))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }
  }

  @Test
  void issues_outlive_the_service_that_wrote_them() {
    Issue created;
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      created = tracker.create("durable");
    }

    try (TrackerService again = Workspaces.embedded(workspace)) {
      assertThat(again.get(created.id())).isEqualTo(created);
    }
  }
}
