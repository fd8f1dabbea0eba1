package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.RpcClient;
import dev.tracker.daemon.TrackerDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import tools.jackson.databind.JsonNode;

/**
 * 10,000 hostile frames at once: malformed lines, lines that are not requests, random bytes,
 * oversized lines, lines dribbled in pieces between the others, and more idle connections than the
 * limit. Meanwhile a well-behaved client's {@code health} calls keep being answered; every hostile
 * frame gets its one error answer; afterwards a new client is served, and the daemon's threads and
 * the process's file descriptors come back to where they were. The daemon runs on a {@link
 * ManualScheduler}: the idle connections are closed when the test moves the time past the idle
 * timeout, once the rest of the storm is over.
 */
@Isolated // compares the whole process's open files with a baseline
class HostileStormTest {

  private static final int LIMIT = 32;
  private static final Duration IDLE = Duration.ofMinutes(5);
  private static final int MALFORMED_CONNECTIONS = 4;
  private static final int MALFORMED_PER_CONNECTION = 2_200;
  private static final int BATCH = 100;
  private static final int RANDOM_CONNECTIONS = 2;
  private static final int RANDOM_PER_CONNECTION = 580;
  private static final int OVERSIZED = 24;
  private static final int SLOW_PER_SENDER = 2; // connections, each with two dribbled lines
  private static final int SLOW_LINES = MALFORMED_CONNECTIONS * SLOW_PER_SENDER * 2;
  private static final int IDLE_CONNECTIONS = LIMIT + 8;
  private static final int FRAMES =
      MALFORMED_CONNECTIONS * MALFORMED_PER_CONNECTION
          + RANDOM_CONNECTIONS * RANDOM_PER_CONNECTION
          + OVERSIZED
          + SLOW_LINES;
  private static final Duration HEALTH_WITHIN = Duration.ofSeconds(5);

  private static final List<String> MALFORMED =
      List.of(
          "{{{",
          "not json",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":",
          "{\"a\":}",
          "[1,2,3]",
          "42",
          "\"just a string\"",
          "{\"id\":{\"no\":1},\"jsonrpc\":\"2.0\",\"method\":\"health\"}",
          "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"health\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":7}",
          "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"nope\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"issue.get\",\"params\":[1]}",
          "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"issue.create\",\"params\":{\"title\":\"\"}}",
          "[".repeat(5_000) + "]".repeat(5_000),
          "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"health\"} trailing");

  @TempDir Path workspace;
  private final ManualScheduler time = new ManualScheduler();
  private TrackerDaemon daemon;

  @BeforeEach
  void start() {
    daemon =
        TrackerDaemon.builder(Daemons.config(workspace).syncInterval(Duration.ofHours(1)).build())
            .maxConnections(LIMIT)
            .idleTimeout(IDLE)
            .scheduler(time)
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    daemon.close();
  }

  @Test
  void ten_thousand_hostile_frames_leave_the_daemon_serving_and_its_resources_at_baseline()
      throws Exception {
    assumeTrue(Daemons.procFdAvailable(), "no /proc/self/fd: cannot count file descriptors");
    assertThat(FRAMES).isEqualTo(10_000);
    storm(1, 10, 1, 2); // warm-up: every path once, so classes and pools are loaded
    awaitNoConnections();
    List<String> threads = Daemons.threadsNamed(daemon.threadNamePrefix());
    List<String> files = Daemons.openFiles();

    Storm storm =
        storm(MALFORMED_CONNECTIONS, MALFORMED_PER_CONNECTION, OVERSIZED, IDLE_CONNECTIONS);
    System.out.printf(
        "HostileStormTest: %d frames answered, %d idle connections refused, %d health calls during"
            + " the storm, the slowest %d ms%n",
        storm.answered(),
        storm.refused(),
        storm.health().calls(),
        TimeUnit.NANOSECONDS.toMillis(storm.health().slowestNanos()));

    assertThat(storm.answered())
        .as("error answers to the %s hostile frames", FRAMES)
        .isEqualTo(FRAMES);
    assertThat(storm.refused())
        .as("idle connections beyond the limit, refused with -32000")
        .isPositive();
    assertThat(storm.health().calls())
        .as("health calls answered during the storm")
        .isGreaterThan(5);
    assertThat(Duration.ofNanos(storm.health().slowestNanos()))
        .as("the slowest health call during the storm")
        .isLessThan(HEALTH_WITHIN);

    awaitNoConnections();
    try (RpcClient fresh = RpcClient.connect(daemon)) {
      assertThat(fresh.result("health").path("healthy").booleanValue()).isTrue();
    }
    awaitNoConnections();
    await("the daemon's threads")
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(Daemons.threadsNamed(daemon.threadNamePrefix())).isEqualTo(threads));
    await("the open file descriptors")
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(Daemons.openFiles()).isEqualTo(files));
  }

  /** How a storm went. */
  private record Storm(int answered, int refused, Health health) {}

  /** The well-behaved client's calls during the storm. */
  private record Health(int calls, long slowestNanos) {}

  private Storm storm(int malformedConnections, int malformedPerConnection, int oversized, int idle)
      throws Exception {
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicBoolean raging = new AtomicBoolean(true);
    ExecutorService attackers = Executors.newCachedThreadPool();
    try (RpcClient wellBehaved = RpcClient.connect(daemon)) {
      CompletableFuture<Health> health =
          CompletableFuture.supplyAsync(() -> pollHealth(wellBehaved, raging), attackers);
      List<CompletableFuture<Void>> attacks = new ArrayList<>();
      for (int c = 0; c < malformedConnections; c++) {
        int seed = c;
        attacks.add(
            CompletableFuture.runAsync(
                () -> malformed(seed, malformedPerConnection, answered), attackers));
      }
      for (int c = 0; c < Math.min(malformedConnections, RANDOM_CONNECTIONS); c++) {
        int seed = c;
        attacks.add(
            CompletableFuture.runAsync(
                () ->
                    randomBytes(
                        seed, malformedConnections == 1 ? 10 : RANDOM_PER_CONNECTION, answered),
                attackers));
      }
      // oversized lines one after the other, then the idle flood: these two compete for slots
      CompletableFuture<Void> floodConnected = new CompletableFuture<>();
      CompletableFuture<Void> flood =
          CompletableFuture.runAsync(
              () -> {
                oversized(oversized, answered);
                idleFlood(idle, refused, floodConnected);
              },
              attackers);
      CompletableFuture.allOf(attacks.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
      floodConnected.get(2, TimeUnit.MINUTES);
      raging.set(false);
      Health calls = health.get(1, TimeUnit.MINUTES);
      // the rest of the storm is over: the flood's accepted connections are idle for the timeout
      time.advance(IDLE);
      flood.get(2, TimeUnit.MINUTES);
      return new Storm(answered.get(), refused.get(), calls);
    } finally {
      raging.set(false);
      attackers.shutdownNow();
      assertThat(attackers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
  }

  private static Health pollHealth(RpcClient client, AtomicBoolean raging) {
    int calls = 0;
    long slowest = 0;
    try {
      while (raging.get()) {
        long start = System.nanoTime();
        JsonNode health = client.result("health");
        slowest = Math.max(slowest, System.nanoTime() - start);
        assertThat(health.path("healthy").booleanValue()).isTrue();
        calls++;
      }
    } catch (IOException e) {
      throw new AssertionError("the well-behaved client's connection broke", e);
    }
    return new Health(calls, slowest);
  }

  /**
   * Malformed lines in batches, each answered by one error; between batches, a piece of a line on
   * each of this sender's slow connections, whose answers must come once their lines are whole.
   */
  private void malformed(int seed, int count, AtomicInteger answered) {
    List<RpcClient> slow = new ArrayList<>();
    try (RpcClient client = RpcClient.connect(daemon)) {
      for (int i = 0; i < SLOW_PER_SENDER; i++) {
        slow.add(RpcClient.connect(daemon));
      }
      byte[][] slowLines = new byte[SLOW_PER_SENDER][];
      int[] slowSent = new int[SLOW_PER_SENDER];
      int[] slowDone = new int[SLOW_PER_SENDER];
      for (int sent = 0; sent < count; ) {
        int batch = Math.min(BATCH, count - sent);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < batch; i++) {
          lines.append(MALFORMED.get((seed + sent + i) % MALFORMED.size())).append('\n');
        }
        client.send(lines.toString().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < batch; i++) {
          JsonNode answer = client.response();
          assertThat(answer.has("error")).as("answer to a malformed line: %s", answer).isTrue();
          answered.incrementAndGet();
        }
        sent += batch;
        for (int s = 0; s < slow.size() && count > BATCH; s++) {
          if (slowDone[s] == 2) {
            continue;
          }
          if (slowLines[s] == null) {
            slowLines[s] =
                ("{\"jsonrpc\":\"2.0\",\"id\":" + (100 + slowDone[s]) + ",\"method\":\"health\"}\n")
                    .getBytes(StandardCharsets.UTF_8);
            slowSent[s] = 0;
          }
          int piece = Math.min(7, slowLines[s].length - slowSent[s]);
          slow.get(s).send(Arrays.copyOfRange(slowLines[s], slowSent[s], slowSent[s] + piece));
          slowSent[s] += piece;
          if (slowSent[s] == slowLines[s].length) {
            JsonNode answer = slow.get(s).response();
            assertThat(answer.path("id").intValue()).isEqualTo(100 + slowDone[s]);
            assertThat(answer.path("result").path("healthy").booleanValue()).isTrue();
            answered.incrementAndGet();
            slowDone[s]++;
            slowLines[s] = null;
          }
        }
      }
      if (count > BATCH) {
        assertThat(slowDone).as("dribbled lines answered").containsOnly(2);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    } finally {
      for (RpcClient client : slow) {
        closeQuietly(client);
      }
    }
  }

  /** Lines of random bytes (8 to 200 of them, no newline among them), each answered by an error. */
  private void randomBytes(int seed, int count, AtomicInteger answered) {
    Random random = new Random(seed);
    try (RpcClient client = RpcClient.connect(daemon)) {
      for (int sent = 0; sent < count; ) {
        int batch = Math.min(BATCH, count - sent);
        for (int i = 0; i < batch; i++) {
          byte[] noise = new byte[8 + random.nextInt(193)];
          random.nextBytes(noise);
          for (int b = 0; b < noise.length; b++) {
            if (noise[b] == '\n' || noise[b] == '\r') {
              noise[b] = 'x';
            }
          }
          noise[noise.length - 1] = '\n';
          client.send(noise);
        }
        for (int i = 0; i < batch; i++) {
          JsonNode answer = client.response();
          assertThat(answer.path("error").path("code").intValue()).isIn(-32700, -32600);
          answered.incrementAndGet();
        }
        sent += batch;
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Lines over 1 MiB: each gets -32600 and its connection is closed. */
  private void oversized(int count, AtomicInteger answered) {
    byte[] huge = new byte[(1 << 20) + 1024];
    Arrays.fill(huge, (byte) 'x');
    for (int i = 0; i < count; i++) {
      try (RpcClient client = RpcClient.connect(daemon)) {
        try {
          client.send(huge);
        } catch (IOException closedWhileWriting) {
          // the daemon closes the connection as soon as the line is too long
        }
        assertThat(client.response().path("error").path("code").intValue()).isEqualTo(-32600);
        answered.incrementAndGet();
        assertThat(client.closedByDaemon()).isTrue();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  /**
   * More silent connections than the limit: those beyond it get the -32000 line and are closed; the
   * others are closed by the daemon once idle for its timeout, which the test's time reaches after
   * {@code connected} is complete: once the daemon has taken in every one of them.
   */
  private void idleFlood(int count, AtomicInteger refused, CompletableFuture<Void> connected) {
    List<RpcClient> accepted = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        accepted.add(RpcClient.connect(daemon));
      }
      // the daemon takes connections in the order they came: once it has answered one more, it
      // has served or refused each of the flood's
      try (RpcClient probe = RpcClient.connect(daemon)) {
        probe.sendLine("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\"}");
        assertThat(probe.readLine()).as("the answer to the probe after the flood").isNotNull();
      }
      connected.complete(null);
      for (RpcClient client : accepted) {
        String line = client.readLine(); // a refusal at once; the end after the idle timeout
        if (line != null) {
          assertThat(line).contains("\"code\":-32000");
          refused.incrementAndGet();
        }
        assertThat(client.closedByDaemon()).isTrue();
      }
    } catch (IOException e) {
      connected.completeExceptionally(e);
      throw new AssertionError(e);
    } catch (RuntimeException | Error e) {
      connected.completeExceptionally(e); // the test waits for it before moving the time
      throw e;
    } finally {
      accepted.forEach(HostileStormTest::closeQuietly);
    }
  }

  private void awaitNoConnections() {
    await("the daemon's connections end")
        .atMost(Duration.ofSeconds(20))
        .until(() -> daemon.connections() == 0);
  }

  private static void closeQuietly(RpcClient client) {
    try {
      client.close();
    } catch (IOException e) {
      // closing a socket the daemon closed already
    }
  }
}
