package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Version;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The methods of docs/PROTOCOL.md through a real socket. */
class DaemonProtocolTest {

  @TempDir Path workspace;
  private TrackerDaemon daemon;
  private RpcClient client;

  @BeforeEach
  void start() throws Exception {
    daemon =
        Daemons.start(
            Daemons.config(workspace)
                .syncEnabled(false)
                .syncInterval(Duration.ofSeconds(45))
                .build());
    client = RpcClient.connect(daemon);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    daemon.close();
  }

  @Test
  void health_has_healthy_version_pid_workspace_and_uptime() throws Exception {
    JsonNode health = client.result("health");

    assertThat(health.path("healthy").booleanValue()).isTrue();
    assertThat(health.path("version").stringValue()).isEqualTo(Version.current());
    assertThat(health.path("pid").longValue()).isEqualTo(ProcessHandle.current().pid());
    assertThat(health.path("workspace").stringValue()).isEqualTo(workspace.toString());
    assertThat(health.path("uptime_seconds").isIntegralNumber()).isTrue();
    assertThat(health.path("uptime_seconds").longValue()).isGreaterThanOrEqualTo(0);
    assertThat(health.has("error")).isFalse();
  }

  @Test
  void status_has_the_daemon_its_sync_settings_and_its_counts() throws Exception {
    client.result("issue.create", "{\"title\":\"one\"}");
    client.result("issue.create", "{\"title\":\"two\"}");

    JsonNode status = client.result("status");

    assertThat(status.path("running").booleanValue()).isTrue();
    assertThat(status.path("pid").longValue()).isEqualTo(daemon.pid());
    assertThat(status.path("workspace").stringValue()).isEqualTo(workspace.toString());
    assertThat(status.path("uptime_seconds").longValue()).isGreaterThanOrEqualTo(0);
    assertThat(status.path("version").stringValue()).isEqualTo(Version.current());
    assertThat(status.path("sync_enabled").booleanValue()).isFalse();
    assertThat(status.path("sync_interval").longValue()).isEqualTo(45);
    assertThat(status.path("git_enabled").booleanValue()).isFalse();
    assertThat(status.get("last_sync").isNull()).isTrue();
    assertThat(status.path("issues").intValue()).isEqualTo(2);
    assertThat(status.path("connections").intValue()).isEqualTo(1);
  }

  @Test
  void status_reports_the_last_sync() throws Exception {
    client.result("sync");

    JsonNode lastSync = client.result("status").get("last_sync");

    assertThat(lastSync.path("status").stringValue()).isEqualTo("success");
    assertThat(lastSync.get("error").isNull()).isTrue();
    assertThat(lastSync.path("at").stringValue()).endsWith("Z");
  }

  @Test
  void an_unknown_method_gets_32601_naming_it() throws Exception {
    JsonNode response = client.call("nope");

    assertThat(response.path("jsonrpc").stringValue()).isEqualTo("2.0");
    assertThat(response.path("error").path("code").intValue()).isEqualTo(-32601);
    assertThat(response.path("error").path("message").stringValue())
        .isEqualTo("Unknown method: nope");
  }

  @Test
  void a_notification_runs_and_gets_no_answer() throws Exception {
    client.sendLine(
        "{\"jsonrpc\":\"2.0\",\"method\":\"issue.create\",\"params\":{\"title\":\"quiet\"}}");
    client.sendLine("{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}");

    // the next line is the answer to the next request: the notifications got none
    JsonNode list = client.result("issue.list");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("title").stringValue()).isEqualTo("quiet");
  }

  @Test
  void answers_come_in_the_order_of_the_requests_on_a_connection() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int id = 1; id <= 50; id++) {
      String method = id % 3 == 0 ? "health" : id % 3 == 1 ? "issue.list" : "nope";
      lines
          .append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(id)
          .append(",\"method\":\"")
          .append(method)
          .append("\"}\n");
    }
    client.send(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

    for (int id = 1; id <= 50; id++) {
      assertThat(client.response().path("id").intValue()).isEqualTo(id);
    }
  }

  @Test
  void issues_travel_in_their_jsonl_shape() throws Exception {
    JsonNode created =
        client.result(
            "issue.create",
            "{\"title\":\"Write the daemon\",\"priority\":1,\"issue_type\":\"feature\",\"labels\":[\"daemon\"]}");
    String id = created.path("id").stringValue();

    assertThat(created.path("title").stringValue()).isEqualTo("Write the daemon");
    assertThat(created.path("status").stringValue()).isEqualTo("open");
    assertThat(created.path("priority").intValue()).isEqualTo(1);
    assertThat(created.path("issue_type").stringValue()).isEqualTo("feature");
    assertThat(client.result("issue.get", "{\"id\":\"" + id + "\"}")).isEqualTo(created);

    JsonNode updated =
        client.result("issue.update", "{\"id\":\"" + id + "\",\"assignee\":\"ann\"}");
    assertThat(updated.path("assignee").stringValue()).isEqualTo("ann");
    assertThat(
            client
                .result("label.add", "{\"id\":\"" + id + "\",\"label\":\"urgent\"}")
                .path("labels"))
        .extracting(JsonNode::stringValue)
        .containsExactly("daemon", "urgent");
    assertThat(
            client
                .result("comment.add", "{\"id\":\"" + id + "\",\"text\":\"on it\"}")
                .path("text")
                .stringValue())
        .isEqualTo("on it");
    assertThat(client.result("issue.ready")).hasSize(1);
    assertThat(
            client
                .result("issue.close", "{\"id\":\"" + id + "\",\"reason\":\"done\"}")
                .path("status")
                .stringValue())
        .isEqualTo("closed");
    assertThat(client.result("stats").path("total").intValue()).isEqualTo(1);
    assertThat(client.result("issue.history", "{\"id\":\"" + id + "\"}").size())
        .isGreaterThanOrEqualTo(4);
  }

  @Test
  void dependencies_block_ready_work() throws Exception {
    String design =
        client.result("issue.create", "{\"title\":\"design\"}").path("id").stringValue();
    String build = client.result("issue.create", "{\"title\":\"build\"}").path("id").stringValue();

    client.result(
        "dep.add", "{\"issue_id\":\"" + build + "\",\"depends_on_id\":\"" + design + "\"}");

    JsonNode blocked = client.result("issue.blocked");
    assertThat(blocked).hasSize(1);
    assertThat(blocked.get(0).path("issue").path("id").stringValue()).isEqualTo(build);
    assertThat(blocked.get(0).path("blocked_by").get(0).stringValue()).isEqualTo(design);
    assertThat(client.result("issue.ready")).hasSize(1);
  }

  @Test
  void a_missing_issue_is_32001_with_its_id() throws Exception {
    JsonNode error = client.call("issue.get", "{\"id\":\"tr-nope\"}").path("error");

    assertThat(error.path("code").intValue()).isEqualTo(-32001);
    assertThat(error.path("data").path("id").stringValue()).isEqualTo("tr-nope");
  }

  @Test
  void a_missing_param_is_32602_naming_it() throws Exception {
    JsonNode error = client.call("issue.get", "{}").path("error");

    assertThat(error.path("code").intValue()).isEqualTo(-32602);
    assertThat(error.path("message").stringValue()).contains("'id'");
  }

  @Test
  void a_bad_value_is_32002() throws Exception {
    JsonNode error = client.call("issue.create", "{\"title\":\"x\",\"priority\":99}").path("error");

    assertThat(error.path("code").intValue()).isEqualTo(-32002);
    assertThat(error.path("message").stringValue()).contains("priority");
  }

  @Test
  void export_and_import_answer_counts() throws Exception {
    client.result("issue.create", "{\"title\":\"one\"}");

    JsonNode export = client.result("export");
    assertThat(export.path("issues").intValue()).isEqualTo(1);
    assertThat(export.path("changed").booleanValue()).isTrue();
    assertThat(daemon.exports().count()).isEqualTo(1);

    JsonNode imported = client.result("import");
    assertThat(imported.path("read").intValue()).isEqualTo(1);
    assertThat(imported.path("unchanged").intValue()).isEqualTo(1);
    assertThat(daemon.imports().count()).isEqualTo(1);
  }
}
