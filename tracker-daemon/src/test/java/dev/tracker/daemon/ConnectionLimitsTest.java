package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle connections are closed; a connection that talks is not. */
class ConnectionLimitsTest {

  @TempDir Path workspace;

  @Test
  void an_idle_connection_is_closed_after_the_idle_timeout() throws Exception {
    try (TrackerDaemon daemon =
            TrackerDaemon.builder(Daemons.config(workspace).build())
                .idleTimeout(Duration.ofMillis(100))
                .build()
                .start();
        RpcClient client = RpcClient.connect(daemon)) {
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();

      assertThat(client.closedByDaemon()).isTrue();
      await().atMost(Duration.ofSeconds(20)).until(() -> daemon.connections() == 0);
      assertThat(Daemons.threadsNamed(daemon.threadNamePrefix() + "-conn-")).isEmpty();
    }
  }

  @Test
  void a_connection_that_keeps_talking_stays_open() throws Exception {
    try (TrackerDaemon daemon =
            TrackerDaemon.builder(Daemons.config(workspace).build())
                .idleTimeout(Duration.ofMillis(300))
                .build()
                .start();
        RpcClient client = RpcClient.connect(daemon)) {
      long until = System.nanoTime() + Duration.ofMillis(900).toNanos();
      int calls = 0;
      while (System.nanoTime() < until) {
        client.call("nope");
        calls++;
      }
      assertThat(calls).isPositive();
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
    }
  }
}
