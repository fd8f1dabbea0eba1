package dev.tracker.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.daemon.TrackerDaemon;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tracker daemon start|stop|status} in-process, against a daemon of this JVM: whether a
 * daemon runs is the lock's answer, not a probe's, and a daemon embedded in a JVM that goes on
 * running can be stopped.
 */
class DaemonCommandTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path workspace;
  private @Nullable TrackerDaemon daemon;

  /** What one run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  private Run tracker(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, workspace, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private TrackerDaemon.Builder daemonOf() {
    return TrackerDaemon.builder(
        TrackerConfig.builder(workspace).readConfigFile(false).environment(Map.of()).build());
  }

  private TrackerDaemon started(TrackerDaemon built) {
    daemon = built;
    return built.start();
  }

  @BeforeEach
  void init() {
    Run init = tracker("init");
    assertThat(init.exitCode()).as(init.err()).isZero();
  }

  @AfterEach
  void closeTheDaemon() {
    TrackerDaemon started = daemon;
    if (started != null) {
      started.close();
    }
  }

  @Test
  void stop_stops_a_daemon_of_a_jvm_that_goes_on_running() {
    TrackerDaemon daemon = started(daemonOf().build());

    Run stop = tracker("daemon", "stop");

    assertThat(stop.exitCode()).as(stop.err()).isZero();
    assertThat(stop.out()).contains("Daemon stopped (pid " + daemon.pid() + ")");
    assertThat(daemon.isRunning()).isFalse();
    assertThat(workspace.resolve(".tracker").resolve(DaemonFiles.LOCK)).doesNotExist();
    assertThat(daemon.awaitTermination(WAIT)).isTrue();
    assertThat(tracker("daemon", "status").exitCode()).isEqualTo(1);
  }

  @Test
  void two_stops_at_once_both_succeed() throws Exception {
    TrackerDaemon daemon = started(daemonOf().build());
    CountDownLatch ready = new CountDownLatch(2);

    // a thread each: the two wait for each other, which the common pool (one thread on a 2-core
    // machine) cannot run at once
    ExecutorService stoppers = Executors.newFixedThreadPool(2, task -> new Thread(task, "stopper"));
    try {
      List<CompletableFuture<Run>> stops =
          List.of(1, 2).stream()
              .map(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            ready.countDown();
                            awaitQuietly(ready);
                            return tracker("daemon", "stop");
                          },
                          stoppers))
              .toList();

      for (CompletableFuture<Run> stop : stops) {
        assertThat(stop)
            .succeedsWithin(Duration.ofSeconds(60))
            .satisfies(run -> assertThat(run.exitCode()).as(run.err()).isZero());
      }
    } finally {
      stoppers.shutdownNow();
      assertThat(stoppers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(daemon.awaitTermination(WAIT)).isTrue();
  }

  @Test
  @SuppressWarnings("try") // the connection is only held, so that the daemon has none to spare
  void a_daemon_at_its_connection_limit_is_running_for_start_stop_and_status() throws Exception {
    TrackerDaemon daemon = started(daemonOf().maxConnections(1).build());
    try (SocketChannel held = holdTheOnlyConnection(daemon)) {
      Run status = tracker("daemon", "status");
      assertThat(status.exitCode()).isEqualTo(1);
      assertThat(status.err()).contains("refused the connection").doesNotContain("No daemon");

      Run start = tracker("daemon", "start");
      assertThat(start.exitCode()).isEqualTo(1);
      assertThat(start.err())
          .contains("A daemon already serves")
          .contains("(pid " + daemon.pid() + ")");

      Run stop = tracker("daemon", "stop");
      assertThat(stop.exitCode()).isEqualTo(1);
      assertThat(stop.err()).contains("refused the connection").doesNotContain("No daemon");
      assertThat(daemon.isRunning()).isTrue();
    }
  }

  @Test
  void stop_without_a_daemon_says_so_and_succeeds() {
    Run stop = tracker("daemon", "stop");

    assertThat(stop.exitCode()).isZero();
    assertThat(stop.err()).contains("No daemon serves " + workspace);
  }

  /** Connects and has one request answered, so the daemon counts the connection. */
  private static SocketChannel holdTheOnlyConnection(TrackerDaemon daemon) throws IOException {
    SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(daemon.socket()));
    channel.write(
        ByteBuffer.wrap(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\"}\n"
                .getBytes(StandardCharsets.UTF_8)));
    ByteBuffer answer = ByteBuffer.allocate(4096);
    while (answer.position() == 0 || answer.get(answer.position() - 1) != '\n') {
      if (channel.read(answer) < 0) {
        throw new IOException("closed before answering");
      }
    }
    return channel;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
