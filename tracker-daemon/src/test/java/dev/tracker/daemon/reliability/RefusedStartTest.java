package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracker.core.Version;
import dev.tracker.core.internal.jsonl.AtomicFile;
import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.daemon.DaemonAlreadyRunningException;
import dev.tracker.daemon.internal.lock.DaemonLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loser of two starts at once names the winner, even when it looks in the moment between the
 * winner taking the lock and writing {@code daemon.lock}: it waits for the file to name a live
 * process instead of giving up with "pid unknown". {@link SimultaneousStartIT} races two real
 * launchers, which meet that moment only sometimes; here a child process holds the lock and says
 * nothing until the test writes its name, so the moment lasts as long as the test wants.
 */
class RefusedStartTest {

  @TempDir Path workspace;

  @Test
  void a_start_refused_before_the_holder_named_itself_waits_for_the_name_and_reports_it()
      throws Exception {
    Path tracker = Files.createDirectories(workspace.resolve(".tracker"));
    Process holder =
        Forks.builder(
                List.of(
                    Forks.java(),
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    Forks.TEST_CLASSES.toString(),
                    LockHolder.class.getName(),
                    tracker.resolve(DaemonFiles.PID).toString()))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader said =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(said.readLine()).as("the holder, once it holds the lock").isEqualTo("locked");

      CompletableFuture<Throwable> refused = new CompletableFuture<>();
      Thread starter =
          new Thread(
              () -> {
                try {
                  DaemonLock.acquire(tracker, workspace, ours()).releaseAndDelete();
                  refused.complete(new AssertionError("the lock was taken"));
                } catch (Throwable e) {
                  refused.complete(e);
                }
              },
              "refused-start");
      starter.start();
      // waiting for daemon.lock to change, or ended already if it does not wait
      await("the refused start waits or ends")
          .atMost(Duration.ofSeconds(20))
          .until(() -> starter.getState() == Thread.State.TIMED_WAITING || refused.isDone());
      assertThat(refused)
          .as("the refused start, while the holder has not named itself")
          .isNotDone();

      AtomicFile.write(
          tracker.resolve(DaemonFiles.LOCK),
          new DaemonFiles.Lock(
                  holder.pid(), tracker.resolve("daemon.sock"), Version.current(), Instant.now())
              .toJson());

      assertThat(refused.get(20, TimeUnit.SECONDS))
          .isInstanceOf(DaemonAlreadyRunningException.class)
          .hasMessageContaining(
              "A daemon already serves " + workspace + " (pid " + holder.pid() + ")");
      starter.join();
    } finally {
      holder.getOutputStream().close();
      Forks.awaitExit(holder);
    }
  }

  private DaemonFiles.Lock ours() {
    return new DaemonFiles.Lock(
        ProcessHandle.current().pid(),
        workspace.resolve(".tracker/daemon.sock"),
        Version.current(),
        Instant.now());
  }
}
