package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.NewIssue;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.RpcClient;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The database file deleted or replaced under a running daemon (beads #1213): {@code health}
 * reports it, naming the file; nothing is acknowledged into the file that lost its name; the daemon
 * reopens the path and goes on serving, with every issue it had acknowledged. Sync is off, so that
 * no export has copied anything to {@code issues.jsonl}: the issues survive only if the daemon
 * carries them over.
 */
class DatabaseReplacedTest {

  @TempDir Path workspace;
  @TempDir Path elsewhere;
  private TrackerDaemon daemon;
  private RpcClient client;

  private Path database() {
    return workspace.resolve(".tracker/tracker.db");
  }

  @BeforeEach
  void start() throws Exception {
    daemon = Daemons.start(Daemons.config(workspace).syncEnabled(false).build());
    client = RpcClient.connect(daemon);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    daemon.close();
  }

  @Test
  void a_deleted_file_is_reported_by_health_and_the_daemon_reopens_it_keeping_every_issue()
      throws Exception {
    List<String> acknowledged = create("before one", "before two");

    Files.delete(database());

    JsonNode health = client.result("health");
    assertThat(health.path("healthy").booleanValue()).as("health: %s", health).isFalse();
    assertThat(health.path("error").stringValue())
        .contains("The database file " + database() + " was deleted while it was open");
    assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
    acknowledged.addAll(create("after"));
    assertThat(titlesServed()).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(SqliteFile.titles(database())).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(SqliteFile.integrityCheck(database())).containsExactly("ok");
  }

  @Test
  void a_write_after_the_deletion_is_refused_not_acknowledged_into_the_deleted_file()
      throws Exception {
    List<String> acknowledged = create("kept");

    Files.delete(database());
    JsonNode refused = client.call("issue.create", "{\"title\":\"refused\"}");

    assertThat(refused.has("error"))
        .as("the answer to a create after the deletion: %s", refused)
        .isTrue();
    assertThat(refused.path("error").path("code").intValue()).isEqualTo(-32004);
    assertThat(refused.path("error").path("message").stringValue())
        .contains(database() + " was deleted while it was open: refusing to write it");
    assertThat(titlesServed()).containsExactlyElementsOf(acknowledged);
    assertThat(SqliteFile.titles(database())).containsExactlyElementsOf(acknowledged);
  }

  @Test
  void a_file_moved_over_the_path_is_reported_and_both_files_issues_are_kept() throws Exception {
    TrackerConfig other = Daemons.config(elsewhere).build();
    try (TrackerService tracker = TrackerService.embedded(other)) {
      tracker.create(NewIssue.of("from the other file"));
    }
    List<String> acknowledged = create("from the daemon's file");

    Files.move(other.databasePath(), database(), StandardCopyOption.REPLACE_EXISTING);

    JsonNode health = client.result("health");
    assertThat(health.path("healthy").booleanValue()).as("health: %s", health).isFalse();
    assertThat(health.path("error").stringValue())
        .contains(database() + " was replaced by another file while it was open");
    acknowledged.add("from the other file");
    assertThat(titlesServed()).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(SqliteFile.integrityCheck(database())).containsExactly("ok");
  }

  private List<String> create(String... titles) throws Exception {
    List<String> created = new ArrayList<>();
    for (String title : titles) {
      client.result("issue.create", "{\"title\":\"" + title + "\"}");
      created.add(title);
    }
    return created;
  }

  private List<String> titlesServed() throws Exception {
    List<String> titles = new ArrayList<>();
    client.result("issue.list").forEach(issue -> titles.add(issue.path("title").stringValue()));
    return titles;
  }
}
