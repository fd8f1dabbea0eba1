package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.internal.Tracking;
import dev.tracker.daemon.Scheduler;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.internal.leak.Attribution;
import dev.tracker.testkit.internal.leak.LeakSettings;
import dev.tracker.testkit.internal.leak.LeakVerification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No wrong culprit: a pool connection the daemon's own background work holds (its first read, a
 * sync, an export, an import) is not blamed on the class; the check waits for that work to end and
 * looks again. The work planted here is one that no {@code Runs} records, as the first read is not.
 * A connection borrowed while the daemon rests is a leak, found without waiting for the linger.
 */
class DaemonBackgroundWorkTest {

  @TempDir Path workspace;

  private final KeepsTheExecutor scheduler = new KeepsTheExecutor();
  private final List<AutoCloseable> started = new ArrayList<>();

  /**
   * Real time that never fires, and keeps the thread pool the daemon hands it: its background
   * thread's (the watchdog's executor runs its task in place).
   */
  static final class KeepsTheExecutor implements Scheduler {
    final AtomicReference<@Nullable ThreadPoolExecutor> executor = new AtomicReference<>();

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Future<?> schedule(Executor executor, Runnable task, Duration delay) {
      if (executor instanceof ThreadPoolExecutor pool) {
        this.executor.set(pool);
      }
      return new CompletableFuture<Void>();
    }
  }

  /** A daemon whose periodic work never comes, and a check of the workspace, taken now. */
  private record Checked(TrackerDaemon daemon, LeakVerification check) {
    Tracking.Pool pool() {
      return Tracking.openServices().stream()
          .filter(service -> service.workspace().equals(daemon.workspace()))
          .flatMap(service -> service.currentPool().stream())
          .findFirst()
          .orElseThrow();
    }
  }

  private Checked start() {
    TrackerConfig config =
        TrackerConfig.builder(workspace)
            .readConfigFile(false)
            .environment(Map.of())
            .syncEnabled(true)
            .build();
    TrackerDaemon daemon = TrackerDaemon.builder(config).scheduler(scheduler).build().start();
    started.add(daemon);
    assertThat(daemon.awaitIdle(Duration.ofSeconds(30))).as("the first read ended").isTrue();
    Attribution attribution = new Attribution("DaemonBackgroundWorkTest", null, true);
    started.add(attribution::release);
    attribution.addWorkspace(daemon.workspace());
    LeakVerification check =
        new LeakVerification(
            "DaemonBackgroundWorkTest",
            attribution,
            new LeakSettings(Duration.ofSeconds(30), LeakSettings.allowing(List.of()), true),
            null);
    return new Checked(daemon, check);
  }

  @AfterEach
  void closeWhatStarted() throws Exception {
    for (AutoCloseable closeable : started) {
      closeable.close();
    }
  }

  @Test
  void a_connection_held_by_the_daemons_own_work_is_waited_for_and_not_blamed() throws Exception {
    Checked checked = start();
    // given background work that holds a pool connection until something waits behind it
    ThreadPoolExecutor background = Objects.requireNonNull(scheduler.executor.get());
    Tracking.Pool pool = checked.pool();
    CountDownLatch holding = new CountDownLatch(1);
    background.execute(
        () -> {
          try {
            Connection held = pool.dataSource().getConnection();
            holding.countDown();
            Runnable behind = background.getQueue().take();
            held.close();
            behind.run();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.activeConnections()).isOne();

    // when the check looks before the daemon closes
    checked.check().beforeDaemonCloses(checked.daemon());

    // then it waited for that work and looked again
    assertThat(pool.activeConnections()).isZero();
    checked.daemon().close();
    assertThat(checked.check().verify()).isEmpty();
  }

  @Test
  void a_connection_borrowed_and_kept_while_the_daemon_rests_is_a_leak() throws Exception {
    Checked checked = start();
    long start = System.nanoTime();
    try (Connection borrowed = checked.pool().dataSource().getConnection()) {
      assertThat(borrowed.isValid(1)).isTrue();
      checked.check().beforeDaemonCloses(checked.daemon());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    checked.daemon().close();

    assertThat(checked.check().verify())
        .singleElement()
        .asString()
        .contains("1 connection(s) borrowed and not given back");
    assertThat(took).as("no run ended meanwhile: no linger").isLessThan(Duration.ofSeconds(10));
  }
}
