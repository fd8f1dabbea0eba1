package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tracker.core.DaemonUnavailableException;
import dev.tracker.core.TrackerService;
import dev.tracker.core.internal.client.DaemonClient;
import dev.tracker.core.internal.protocol.Method;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection limit; idle connections are closed, a connection that talks is not. */
class ConnectionLimitsTest {

  private static final Duration IDLE = Duration.ofMinutes(5);

  @TempDir Path workspace;

  @Test
  void an_idle_connection_is_closed_once_idle_for_the_timeout() throws Exception {
    ManualScheduler time = new ManualScheduler();
    try (TrackerDaemon daemon =
            TrackerDaemon.builder(Daemons.config(workspace).build())
                .idleTimeout(IDLE)
                .scheduler(time)
                .build()
                .start();
        RpcClient client = RpcClient.connect(daemon)) {
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
      time.advance(IDLE.minusNanos(1));
      assertThat(daemon.connections()).isOne();
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();

      time.advance(IDLE); // idle for exactly the timeout since the last answer

      assertThat(client.closedByDaemon()).isTrue();
      // its thread ends after the end of the read it was blocked in
      await().atMost(Duration.ofSeconds(20)).until(() -> daemon.connections() == 0);
      assertThat(Daemons.threadsNamed(daemon.threadNamePrefix() + "-conn-")).isEmpty();
    }
  }

  @Test
  void a_client_refused_at_the_connection_limit_is_told_so_and_its_probe_is_empty()
      throws Exception {
    try (TrackerDaemon daemon =
            TrackerDaemon.builder(Daemons.config(workspace).build())
                .maxConnections(1)
                .build()
                .start();
        RpcClient holder = RpcClient.connect(daemon);
        DaemonClient client = new DaemonClient(daemon.socket())) {
      assertThat(holder.result("health").path("healthy").booleanValue()).isTrue();

      assertThatThrownBy(() -> client.call(Method.STATUS, null))
          .isInstanceOf(DaemonUnavailableException.class)
          .hasMessageContaining("refused the connection")
          .hasMessageContaining("Too many connections (limit 1)")
          .hasMessageNotContaining("version");
      assertThat(client.probe(Duration.ofSeconds(10))).isEmpty();
      // the refusal may arrive before the request is written, which then fails with a broken
      // pipe: the line is still there to read. Many tries make that order happen
      for (int i = 0; i < 300; i++) {
        assertThatThrownBy(() -> client.call(Method.STATUS, null))
            .as("try %d", i)
            .hasMessageContaining("refused the connection");
      }
      try (TrackerService service = TrackerService.connect(workspace)) {
        assertThatThrownBy(service::stats)
            .isInstanceOf(DaemonUnavailableException.class)
            .hasMessageContaining("Too many connections (limit 1)");
      }
      // the held connection is served as before
      assertThat(holder.result("health").path("healthy").booleanValue()).isTrue();
    }
  }

  @Test
  void a_connection_that_keeps_talking_stays_open() throws Exception {
    ManualScheduler time = new ManualScheduler();
    try (TrackerDaemon daemon =
            TrackerDaemon.builder(Daemons.config(workspace).build())
                .idleTimeout(IDLE)
                .scheduler(time)
                .build()
                .start();
        RpcClient client = RpcClient.connect(daemon)) {
      // ten timeouts go by, with a call in each half of one
      for (int i = 0; i < 20; i++) {
        time.advance(IDLE.dividedBy(2));
        assertThat(client.call("nope").path("error").path("code").intValue()).isEqualTo(-32601);
      }
      assertThat(daemon.connections()).isOne();
      assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
    }
  }
}
