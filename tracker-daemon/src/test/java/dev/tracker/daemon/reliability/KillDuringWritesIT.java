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
  private static final int ROUNDS = 3;

  @TempDir Path workspace;
  @TempDir Path scratch;
  private int sentSoFar;

  @Test
  void every_acknowledged_write_survives_kill_9_and_the_file_passes_integrity_check()
      throws Exception {
    Random random = new Random();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    // several kills, each at its own point, each round starting from the file the last one left:
    // a fault that loses only some of the acknowledged writes (a group commit) is met in one of
    // them
    for (int round = 1; round <= ROUNDS; round++) {
      // somewhere in the burst: after 100 to 400 acknowledged writes
      int killAfter = acknowledged.size() + 100 + random.nextInt(300);
      int sent = burstAndKill(round, killAfter, acknowledged);

      Path database = workspace.resolve(".tracker/tracker.db");
      assertThat(SqliteFile.integrityCheck(database)).as("round %s", round).containsExactly("ok");
      Set<String> stored = new HashSet<>(SqliteFile.titles(database));
      assertThat(stored)
          .as(
              "round %s: what the file holds, of %s writes sent and %s acknowledged",
              round, sent, acknowledged.size())
          .containsAll(acknowledged);
      assertThat(stored.size()).as("round %s", round).isLessThanOrEqualTo(sent);
    }

    try (ForkedDaemon restarted = ForkedDaemon.start(workspace, scratch);
        RpcClient client = RpcClient.connect(restarted.socket())) {
      JsonNode issues = client.result("issue.list", "{\"limit\":100000}");
      Set<String> served = new HashSet<>();
      issues.forEach(issue -> served.add(issue.path("title").stringValue()));
      assertThat(served).containsAll(acknowledged);
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
    }
  }

  /**
   * Starts a daemon, writes from four clients until {@code killAfter} writes are acknowledged in
   * all, kills the daemon with kill -9.
   *
   * @return how many writes were sent in all rounds so far, acknowledged or not
   */
  private int burstAndKill(int round, int killAfter, Set<String> acknowledged) throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(CLIENTS);
    List<Future<Integer>> attempts = new ArrayList<>();
    try (ForkedDaemon daemon = ForkedDaemon.start(workspace, scratch)) {
      Path socket = daemon.socket();
      try (RpcClient client = RpcClient.connect(socket)) {
        // the database is open (it is opened in the background after the start)
        assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
      }
      for (int c = 0; c < CLIENTS; c++) {
        String client = "round " + round + " client " + c;
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
    for (Future<Integer> attempt : attempts) {
      sentSoFar += attempt.get();
    }
    return sentSoFar;
  }

  /**
   * Creates issues until the connection breaks; records each acknowledged title.
   *
   * @return how many requests were sent, acknowledged or not
   */
  private static int write(Path socket, String client, Set<String> acknowledged) {
    int sent = 0;
    try (RpcClient rpc = RpcClient.connect(socket)) {
      while (true) {
        String title = client + " write " + sent;
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
