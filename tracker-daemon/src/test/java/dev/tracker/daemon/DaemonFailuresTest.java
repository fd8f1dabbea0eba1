package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Paths that cannot work: reported by the methods, never a crash; the daemon goes on. */
class DaemonFailuresTest {

  @TempDir Path workspace;
  private Path aFile;

  @BeforeEach
  void aFileWhereADirectoryShouldBe() throws Exception {
    aFile = Files.writeString(workspace.resolve("not-a-directory"), "a file");
  }

  @Test
  void an_invalid_database_path_is_reported_by_health_status_and_sync() throws Exception {
    Path database = aFile.resolve("tracker.db");
    try (TrackerDaemon daemon =
            Daemons.start(Daemons.config(workspace).databasePath(database).build());
        RpcClient client = RpcClient.connect(daemon)) {

      JsonNode health = client.result("health");
      assertThat(health.path("healthy").booleanValue()).isFalse();
      assertThat(health.path("error").stringValue()).contains("not-a-directory");
      assertThat(health.path("pid").longValue()).isEqualTo(daemon.pid());

      JsonNode status = client.result("status");
      assertThat(status.path("running").booleanValue()).isTrue();
      assertThat(status.get("issues").isNull()).isTrue();
      assertThat(status.path("error").stringValue()).contains("database");

      JsonNode sync = client.result("sync");
      assertThat(sync.path("status").stringValue()).isEqualTo("error");
      assertThat(sync.path("error").stringValue()).isNotBlank();

      JsonNode create = client.call("issue.create", "{\"title\":\"nowhere to go\"}");
      assertThat(create.path("error").path("code").intValue()).isEqualTo(-32004);

      assertThat(client.result("health").path("healthy").booleanValue()).isFalse();
    }
  }

  @Test
  void an_invalid_export_path_makes_sync_report_an_error_while_status_and_health_answer()
      throws Exception {
    Path export = aFile.resolve("issues.jsonl");
    try (TrackerDaemon daemon =
            Daemons.start(Daemons.config(workspace).exportPath(export).build());
        RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"cannot be exported\"}");

      JsonNode sync = client.result("sync");

      assertThat(sync.path("status").stringValue()).isEqualTo("error");
      assertThat(sync.path("error").stringValue()).contains("not-a-directory");
      assertThat(sync.path("stats").has("duration_ms")).isTrue();
      Run<SyncResult> run = daemon.syncs().last().orElseThrow();
      assertThat(run.succeeded()).isFalse();

      JsonNode status = client.result("status");
      assertThat(status.path("last_sync").path("status").stringValue()).isEqualTo("error");
      assertThat(status.path("last_sync").path("error").stringValue())
          .isEqualTo(run.error().orElseThrow());
      assertThat(status.path("issues").intValue()).isEqualTo(1);
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
    }
  }

  @Test
  void a_failing_periodic_sync_is_recorded_and_the_next_one_still_runs() throws Exception {
    Path export = aFile.resolve("issues.jsonl");
    ManualScheduler time = new ManualScheduler();
    try (TrackerDaemon daemon =
        Daemons.start(
            Daemons.config(workspace)
                .exportPath(export)
                .syncInterval(Duration.ofSeconds(30))
                .build(),
            time)) {
      time.advance(Duration.ofSeconds(60));

      assertThat(daemon.syncs().count()).isEqualTo(2);
      Run<SyncResult> second = daemon.syncs().last().orElseThrow();
      assertThat(second.number()).isEqualTo(2);
      assertThat(second.succeeded()).isFalse();
      assertThat(second.failure()).isPresent();
      try (RpcClient client = RpcClient.connect(daemon)) {
        assertThat(client.result("status").path("running").booleanValue()).isTrue();
      }
    }
  }
}
