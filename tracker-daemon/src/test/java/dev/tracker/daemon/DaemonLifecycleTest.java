package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.Version;
import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.core.internal.protocol.Wire;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import tools.jackson.databind.JsonNode;

/** Starting, refusing a second start, cleaning up after a killed daemon, stopping. */
class DaemonLifecycleTest {

  @TempDir Path workspace;

  private Path tracker() {
    return workspace.resolve(TrackerConfig.DIRECTORY);
  }

  @Test
  void start_writes_the_lock_and_binds_the_socket_in_private_files() throws Exception {
    Instant before = Instant.now();
    try (TrackerDaemon daemon = Daemons.start(Daemons.config(workspace).build())) {
      DaemonFiles.Lock lock = DaemonFiles.Lock.read(tracker()).orElseThrow();
      assertThat(lock.pid()).isEqualTo(ProcessHandle.current().pid()).isEqualTo(daemon.pid());
      assertThat(lock.socket())
          .isEqualTo(tracker().resolve("daemon.sock"))
          .isEqualTo(daemon.socket());
      assertThat(lock.version()).isEqualTo(Version.current());
      assertThat(lock.startedAt()).isBetween(before.minusSeconds(1), Instant.now());
      assertThat(daemon.socket()).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.socket())))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tracker())))
          .isEqualTo("rwx------");
      assertThat(daemon.isRunning()).isTrue();
      try (RpcClient client = RpcClient.connect(daemon)) {
        assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
      }
    }
  }

  @Test
  // alone: on a loaded machine the opening read outlasts the 100 ms after which HikariCP's
  // housekeeper fills the pool, finds its one connection in use and adds another
  @ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
  void the_first_health_waits_for_the_opening_read_and_the_pool_keeps_one_connection()
      throws Exception {
    // health read beside the daemon's opening read: the pool added a second connection on a
    // thread that then sleeps 30 ms, and the stop waited for it; the race was met most times
    for (int round = 0; round < 10; round++) {
      Path root = Files.createDirectory(workspace.resolve("round-" + round));
      try (TrackerDaemon daemon = Daemons.start(Daemons.config(root).build());
          RpcClient client = RpcClient.connect(daemon)) {
        assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
        assertThat(client.result("issue.list")).isEmpty();

        // each SQLite connection holds the database file open once
        Path database = root.resolve(".tracker/tracker.db").toRealPath();
        assertThat(Daemons.openFiles())
            .as("round %s: the connections to %s", round, database)
            .containsOnlyOnce(database.toString());
      }
    }
  }

  @Test
  void close_removes_the_socket_and_the_lock_and_ends_every_thread() throws Exception {
    TrackerDaemon daemon = Daemons.start(Daemons.config(workspace).build());
    String pool = "tracker-db[" + workspace.getFileName() + "]";
    try (RpcClient client = RpcClient.connect(daemon)) {
      client.result("issue.create", "{\"title\":\"keep me\"}");
      assertThat(Daemons.threadsNamed(daemon.threadNamePrefix()))
          .contains(
              daemon.threadNamePrefix() + "-accept",
              daemon.threadNamePrefix() + "-sync",
              daemon.threadNamePrefix() + "-timer",
              daemon.threadNamePrefix() + "-conn-1");
      assertThat(Daemons.threadsNamed(pool)).isNotEmpty();
    }

    daemon.close();

    assertThat(tracker().resolve(DaemonFiles.LOCK)).doesNotExist();
    assertThat(tracker().resolve(DaemonFiles.SOCKET)).doesNotExist();
    // at once, no second look: close() has joined the daemon's threads and its service's pool's
    assertThat(Daemons.threadsNamed(daemon.threadNamePrefix())).isEmpty();
    assertThat(Daemons.threadsNamed(pool)).isEmpty();
    assertThat(daemon.isRunning()).isFalse();
    assertThat(daemon.awaitTermination(Duration.ZERO)).isTrue();
  }

  @Test
  void closing_twice_is_a_no_op() {
    TrackerDaemon daemon = Daemons.start(Daemons.config(workspace).build());
    daemon.close();
    daemon.close();
    assertThat(tracker().resolve(DaemonFiles.LOCK)).doesNotExist();
  }

  @Test
  void a_daemon_starts_once() {
    TrackerDaemon daemon = Daemons.start(Daemons.config(workspace).build());
    daemon.close();
    assertThatThrownBy(daemon::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("starts once");
  }

  @Test
  void a_daemon_closed_before_it_started_never_starts() {
    TrackerDaemon daemon = new TrackerDaemon(Daemons.config(workspace).build());
    daemon.close();
    assertThat(daemon.awaitTermination(Duration.ZERO)).isTrue();
    assertThatThrownBy(daemon::start).isInstanceOf(IllegalStateException.class);
    assertThat(tracker().resolve(DaemonFiles.LOCK)).doesNotExist();
  }

  @Test
  void a_second_daemon_on_the_workspace_is_refused_naming_the_first_ones_pid() throws Exception {
    TrackerConfig config = Daemons.config(workspace).build();
    try (TrackerDaemon first = Daemons.start(config)) {
      TrackerDaemon second = new TrackerDaemon(config);

      assertThatThrownBy(second::start)
          .isInstanceOf(DaemonAlreadyRunningException.class)
          .hasMessage(
              "A daemon already serves "
                  + workspace.toAbsolutePath()
                  + " (pid "
                  + first.pid()
                  + ")")
          .satisfies(
              e -> assertThat(((DaemonAlreadyRunningException) e).pid()).hasValue(first.pid()));

      // the refused one touched nothing of the first one's
      assertThat(DaemonFiles.Lock.read(tracker()).orElseThrow().pid()).isEqualTo(first.pid());
      assertThat(first.socket()).exists();
      assertThat(Daemons.threadsNamed(first.threadNamePrefix())).isNotEmpty();
      try (RpcClient client = RpcClient.connect(first)) {
        assertThat(client.result("health").path("healthy").booleanValue()).isTrue();
      }
      second.close();
    }
  }

  @Test
  void the_next_start_cleans_up_the_lock_and_socket_of_a_killed_daemon() throws Exception {
    // given what a killed daemon leaves: a lock file nobody holds, a socket nobody listens on
    Files.createDirectories(tracker());
    Path staleSocket = tracker().resolve(DaemonFiles.SOCKET);
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(staleSocket));
    }
    assertThat(staleSocket).exists();
    Files.write(
        tracker().resolve(DaemonFiles.LOCK),
        new DaemonFiles.Lock(999_999_999L, staleSocket, "0.0.1", Instant.EPOCH).toJson());

    // when
    try (TrackerDaemon daemon = Daemons.start(Daemons.config(workspace).build())) {
      // then
      DaemonFiles.Lock lock = DaemonFiles.Lock.read(tracker()).orElseThrow();
      assertThat(lock.pid()).isEqualTo(daemon.pid());
      assertThat(lock.version()).isEqualTo(Version.current());
      try (RpcClient client = RpcClient.connect(staleSocket)) {
        assertThat(client.result("health").path("pid").longValue()).isEqualTo(daemon.pid());
      }
    }
    assertThat(staleSocket).doesNotExist();
    assertThat(tracker().resolve(DaemonFiles.LOCK)).doesNotExist();
  }

  @Test
  void a_lock_file_with_garbage_in_it_is_stale_too() throws Exception {
    Files.createDirectories(tracker());
    Files.writeString(
        tracker().resolve(DaemonFiles.LOCK), "{\"pid\": 12, \"sock", StandardCharsets.UTF_8);
    try (TrackerDaemon daemon = Daemons.start(Daemons.config(workspace).build())) {
      assertThat(DaemonFiles.Lock.read(tracker()).orElseThrow().pid()).isEqualTo(daemon.pid());
    }
  }

  @Test
  void a_start_that_cannot_bind_fails_and_leaves_the_workspace_as_it_was() throws Exception {
    Files.createDirectories(tracker());
    Path inTheWay = Files.writeString(tracker().resolve(DaemonFiles.SOCKET), "not a socket");
    TrackerDaemon daemon = new TrackerDaemon(Daemons.config(workspace).build());

    assertThatThrownBy(daemon::start)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(inTheWay.toString());

    assertThat(inTheWay).hasContent("not a socket"); // not the daemon's to delete
    assertThat(tracker().resolve(DaemonFiles.LOCK)).doesNotExist();
    assertThat(daemon.awaitTermination(Duration.ofSeconds(20))).isTrue();
    assertThat(Daemons.threadsNamed(daemon.threadNamePrefix())).isEmpty();
    Files.delete(inTheWay);
    try (TrackerDaemon next = Daemons.start(Daemons.config(workspace).build())) {
      assertThat(next.isRunning()).isTrue();
    }
  }

  @Test
  void stop_answers_stopping_and_the_daemon_terminates() throws Exception {
    TrackerDaemon daemon = Daemons.start(Daemons.config(workspace).build());
    try (RpcClient client = RpcClient.connect(daemon)) {
      JsonNode result = client.result("stop");

      assertThat(result).isEqualTo(Wire.JSON.readTree("{\"status\":\"stopping\"}"));
      assertThat(daemon.awaitTermination(Duration.ofSeconds(20))).isTrue();
      assertThat(client.closedByDaemon()).isTrue();
    }
    assertThat(daemon.isRunning()).isFalse();
    assertThat(Daemons.threadsNamed(daemon.threadNamePrefix())).isEmpty();
    assertThat(tracker().resolve(DaemonFiles.LOCK)).doesNotExist();
    assertThat(tracker().resolve(DaemonFiles.SOCKET)).doesNotExist();
    daemon.close(); // after a stop: returns at once
  }

  @Test
  void a_socket_path_too_long_for_the_platform_goes_to_the_runtime_directory(@TempDir Path runtime)
      throws Exception {
    Path deep = workspace.resolve("a-directory-name-that-is-long-enough-".repeat(3));
    Files.createDirectories(deep);
    Path shortRuntime = runtime.resolve("rt");
    TrackerDaemon daemon =
        TrackerDaemon.builder(Daemons.config(deep).build()).runtimeDirectory(shortRuntime).build();
    try (daemon) {
      daemon.start();
      assertThat(daemon.socket().getParent()).isEqualTo(shortRuntime);
      assertThat(daemon.socket().toString().length()).isLessThan(deep.toString().length());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shortRuntime)))
          .isEqualTo("rwx------");
      DaemonFiles.Lock lock = DaemonFiles.Lock.read(deep.resolve(".tracker")).orElseThrow();
      assertThat(lock.socket()).isEqualTo(daemon.socket());
      try (RpcClient client = RpcClient.connect(lock.socket())) {
        assertThat(client.result("health").path("workspace").stringValue())
            .isEqualTo(deep.toString());
      }
    }
    assertThat(daemon.socket()).doesNotExist();
  }

  @Test
  void uptime_counts_on_the_daemons_clock() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (TrackerDaemon daemon =
            TrackerDaemon.builder(Daemons.config(workspace).build()).clock(clock).build().start();
        RpcClient client = RpcClient.connect(daemon)) {
      assertThat(client.result("health").path("uptime_seconds").longValue()).isZero();

      clock.advance(Duration.ofSeconds(90));

      assertThat(client.result("health").path("uptime_seconds").longValue()).isEqualTo(90);
      assertThat(client.result("status").path("uptime_seconds").longValue()).isEqualTo(90);
      assertThat(DaemonFiles.Lock.read(tracker()).orElseThrow().startedAt())
          .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }
  }

  @Test
  void bad_limits_are_refused_naming_the_setting() {
    TrackerConfig config = Daemons.config(workspace).build();
    assertThatThrownBy(() -> TrackerDaemon.builder(config).maxConnections(0).build())
        .hasMessage("maxConnections must be at least 1, was '0'");
    assertThatThrownBy(() -> TrackerDaemon.builder(config).idleTimeout(Duration.ZERO).build())
        .hasMessage("idleTimeout must be positive, was 'PT0S'");
  }

  /** A clock that moves only when told. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
