package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.Comment;
import dev.tracker.core.ConflictException;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Event;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueNotFoundException;
import dev.tracker.core.IssueType;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Status;
import dev.tracker.core.TrackerService;
import dev.tracker.core.ValidationException;
import dev.tracker.core.internal.protocol.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client against the real daemon: the same results and failures as in-process. */
class ClientThroughDaemonTest {

  @TempDir Path workspace;
  private TrackerDaemon daemon;
  private TrackerService client;

  @BeforeEach
  void startDaemon() {
    daemon = Daemons.start(Daemons.config(workspace).build());
    client = TrackerService.connect(workspace);
  }

  @AfterEach
  void stop() {
    client.close();
    daemon.close();
  }

  @Test
  void every_operation_works_through_the_daemon() {
    Issue design = client.create(NewIssue.builder("design").priority(1).label("a").build());
    Issue build = client.create(NewIssue.builder("build").type(IssueType.FEATURE).build());

    client.addDependency(build.id(), design.id(), DependencyType.BLOCKS);
    assertThat(client.ready()).extracting(Issue::id).containsExactly(design.id());
    assertThat(client.blocked())
        .singleElement()
        .satisfies(b -> assertThat(b.blockedBy()).containsExactly(design.id()));

    Issue updated = client.update(build.id(), IssueUpdate.builder().assignee("ada").build());
    assertThat(updated.assignee()).isEqualTo("ada");
    assertThat(client.addLabel(build.id(), "ui").labels()).containsExactly("ui");
    assertThat(client.removeLabel(build.id(), "ui").labels()).isEmpty();
    Comment comment = client.addComment(build.id(), "on it");
    assertThat(client.get(build.id()).comments()).containsExactly(comment);

    assertThat(client.close(design.id(), "done").status()).isEqualTo(Status.CLOSED);
    assertThat(client.ready()).extracting(Issue::id).containsExactly(build.id());
    assertThat(client.reopen(design.id()).status()).isEqualTo(Status.OPEN);
    assertThat(
            client.removeDependency(build.id(), design.id(), DependencyType.BLOCKS).dependencies())
        .isEmpty();
    assertThat(client.delete(design.id(), "dup").isTombstone()).isTrue();

    assertThat(client.list(IssueFilter.builder().assignee("ada").build()))
        .extracting(Issue::id)
        .containsExactly(build.id());
    assertThat(client.history(build.id()))
        .extracting(Event::type)
        .contains(Event.Type.CREATED, Event.Type.COMMENTED);
    assertThat(client.stats().total()).isEqualTo(1);
    assertThat(client.exportJsonl().issues()).isEqualTo(2);
    assertThat(client.sync().exported()).isZero();
  }

  @Test
  void what_the_client_writes_is_what_an_embedded_service_reads() throws Exception {
    Issue created = client.create("shared");
    client.exportJsonl();

    Path copy = Files.createDirectories(workspace.resolve("copy"));
    try (TrackerService embedded = TrackerService.embedded(Daemons.config(copy).build())) {
      embedded.importJsonl(workspace.resolve(".tracker/issues.jsonl"));
      assertThat(embedded.get(created.id())).isEqualTo(client.get(created.id()));
    }
  }

  @Test
  void a_list_whose_answer_is_over_one_mebibyte_arrives_whole() {
    // requests stay under 1 MiB; their answers together do not
    String description = "d".repeat(8 * 1024);
    for (int i = 0; i < 160; i++) {
      client.create(NewIssue.builder("issue " + i).description(description).build());
    }

    List<Issue> listed = client.list(IssueFilter.builder().build());

    assertThat(listed).hasSize(160).allMatch(issue -> issue.description().equals(description));
    assertThat(Wire.JSON.writeValueAsBytes(Wire.issues(listed)).length).isGreaterThan(1 << 20);
  }

  @Test
  void failures_arrive_as_the_same_exceptions() throws Exception {
    Issue a = client.create("a");
    Issue b = client.create("b");
    client.addDependency(a.id(), b.id(), DependencyType.BLOCKS);

    assertThatThrownBy(() -> client.get("tr-none"))
        .isInstanceOfSatisfying(
            IssueNotFoundException.class, e -> assertThat(e.issueId()).isEqualTo("tr-none"));
    assertThatThrownBy(() -> client.addDependency(b.id(), a.id(), DependencyType.BLOCKS))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("cycle");
    Path malformed = Files.writeString(workspace.resolve("bad.jsonl"), "{\"id\":\"x-1\"}\n");
    assertThatThrownBy(() -> client.importJsonl(malformed))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("bad.jsonl:1");
  }
}
