package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracker.daemon.RpcClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 of the daemon process while four clients write as fast as they can: every write the
 * daemon acknowledged is in the database, which SQLite finds sound, read with plain JDBC before any
 * tracker code touches it again and through the daemon started next.
 */
class KillDuringWritesIT {

  private static final int CLIENTS = 4;

  @TempDir Path workspace;
  @TempDir Path scratch;

  @Test
  void every_acknowledged_write_survives_kill_9_and_the_file_passes_integrity_check()
      throws Exception {
    Random random = new Random();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    ExecutorService writers = Executors.newFixedThreadPool(CLIENTS);
    List<Future<Integer>> attempts = new ArrayList<>();
    // somewhere in the burst: after 100 to 400 acknowledged writes
    int killAfter = 100 + random.nextInt(300);
    try (ForkedDaemon daemon = ForkedDaemon.start(workspace, scratch)) {
      Path socket = daemon.socket();
      try (RpcClient client = RpcClient.connect(socket)) {
        // the database is open (it is opened in the background after the start)
        assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
      }
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        attempts.add(writers.submit(() -> write(socket, client, acknowledged)));
      }
      await(killAfter + " acknowledged writes")
          .atMost(Forks.PATIENCE)
          .until(() -> acknowledged.size() >= killAfter);

      daemon.kill9();
    } finally {
      writers.shutdown();
      assertThat(writers.awaitTermination(Forks.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
          .as("the writers stop once the daemon is gone")
          .isTrue();
    }
    int sent = 0;
    for (Future<Integer> attempt : attempts) {
      sent += attempt.get();
    }

    Path database = workspace.resolve(".tracker/tracker.db");
    assertThat(SqliteFile.integrityCheck(database)).containsExactly("ok");
    Set<String> stored = new HashSet<>(SqliteFile.titles(database));
    assertThat(stored)
        .as("what the file holds, of %s writes sent and %s acknowledged", sent, acknowledged.size())
        .containsAll(acknowledged);
    assertThat(stored.size()).isBetween(acknowledged.size(), sent);

    try (ForkedDaemon restarted = ForkedDaemon.start(workspace, scratch);
        RpcClient client = RpcClient.connect(restarted.socket())) {
      JsonNode issues = client.result("issue.list");
      Set<String> served = new HashSet<>();
      issues.forEach(issue -> served.add(issue.path("title").stringValue()));
      assertThat(served).containsAll(acknowledged);
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
    }
  }

  /**
   * Creates issues until the connection breaks; records each acknowledged title.
   *
   * @return how many requests were sent, acknowledged or not
   */
  private static int write(Path socket, int client, Set<String> acknowledged) {
    int sent = 0;
    try (RpcClient rpc = RpcClient.connect(socket)) {
      while (true) {
        String title = "client " + client + " write " + sent;
        sent++;
        JsonNode answer = rpc.call("issue.create", "{\"title\":\"" + title + "\"}");
        if (answer.has("result")) {
          acknowledged.add(title);
        }
      }
    } catch (Exception | AssertionError brokenByTheKill) {
      return sent;
    }
  }
}
