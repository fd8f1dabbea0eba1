package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.TrackerDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * With classes in parallel, each planted leak fails the class that planted it, naming the culprit,
 * and a file outside every class's directories fails the run at its end, naming its path and the
 * first class that saw it; the clean classes that ran beside them pass. The leaks are those a
 * downstream suite planted: a thread, a service and a daemon on a {@code @TempDir}, a client, a raw
 * socket, a stream inside the workspace and one outside every directory a class owns.
 */
class ParallelLeaksTest {

  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static final AtomicReference<Path> OUTSIDE = new AtomicReference<>();

  @AfterEach
  void releaseWhatTheFixturesLeaked() throws IOException {
    LeakCheckTest.closeLeaked();
    Path outside = OUTSIDE.getAndSet(null);
    if (outside != null) {
      Files.deleteIfExists(outside);
    }
  }

  @AfterAll
  static void endTheLeakedThreads() {
    RELEASE.countDown();
  }

  private static void leak(AutoCloseable resource) {
    LeakCheckTest.LEAKED.add(resource);
  }

  private static TrackerConfig config(Path directory) {
    return TrackerConfig.builder(directory).readConfigFile(false).environment(Map.of()).build();
  }

  // fixtures: one leak each

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class PlantsAThread {
    @Test
    void starts_a_thread_that_names_no_workspace() {
      StandaloneLeakCheckTest.startWaiting("planted-thread", RELEASE);
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class PlantsAServiceOnATempDir {
    @Test
    void opens_an_embedded_service_on_a_temp_dir(@TempDir Path directory) {
      TrackerService service = TrackerService.embedded(config(directory));
      leak(service);
      service.stats();
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class PlantsADaemonOnATempDir {
    @TempDir static Path directory;

    @Test
    void starts_a_daemon_of_its_own_on_a_temp_dir() {
      TrackerDaemon daemon = new TrackerDaemon(config(directory));
      leak(daemon);
      daemon.start();
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class PlantsAClient {
    @Test
    void connects_a_client_and_never_closes_it(TrackerWorkspace workspace) {
      TrackerService client =
          TrackerService.connect(workspace.root(), workspace.socket().orElseThrow());
      leak(client);
      client.stats();
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class PlantsARawSocket {
    @Test
    void connects_a_socket_channel_and_never_closes_it(TrackerWorkspace workspace)
        throws IOException {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      leak(channel);
      channel.connect(UnixDomainSocketAddress.of(workspace.socket().orElseThrow()));
      channel.write(
          ByteBuffer.wrap(
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\"}\n"
                  .getBytes(StandardCharsets.UTF_8)));
      assertThat(channel.read(ByteBuffer.allocate(4096))).isPositive();
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class PlantsAStreamInTheWorkspace {
    @Test
    void opens_a_file_of_the_workspace_and_never_closes_it(TrackerWorkspace workspace)
        throws IOException {
      Path file = workspace.root().resolve("planted-inside.txt");
      Files.writeString(file, "open me");
      InputStream in = Files.newInputStream(file);
      leak(in);
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "200ms")
  static class PlantsAStreamOutsideEveryDirectory {
    @Test
    void opens_a_file_outside_every_directory_a_class_owns() throws IOException {
      Path file = Files.createTempFile("planted-outside-", ".txt");
      OUTSIDE.set(file);
      InputStream in = Files.newInputStream(file);
      leak(in);
    }
  }

  private static String failureOf(EngineExecutionResults results, Class<?> fixture) {
    Throwable failure =
        Fixtures.classFailure(results, fixture)
            .orElseThrow(() -> new AssertionError(fixture.getSimpleName() + " did not fail"));
    assertThat(failure).isInstanceOf(LeakException.class);
    return String.valueOf(failure.getMessage());
  }

  // tests

  @Test
  void each_leak_fails_the_class_that_planted_it_and_the_clean_classes_beside_them_pass() {
    List<Class<?>> clean =
        List.of(
            CleanClassesTest.UsesEveryClient.class,
            CleanClassesTest.Embedded.class,
            CleanClassesTest.WithNested.class,
            StandaloneLeakCheckTest.ClosesItsService.class);
    EngineExecutionResults results =
        Fixtures.runInParallel(
            PlantsAThread.class,
            clean.get(0),
            PlantsAServiceOnATempDir.class,
            PlantsADaemonOnATempDir.class,
            clean.get(1),
            PlantsAClient.class,
            PlantsARawSocket.class,
            clean.get(2),
            PlantsAStreamInTheWorkspace.class,
            PlantsAStreamOutsideEveryDirectory.class,
            clean.get(3));

    assertThat(failureOf(results, PlantsAThread.class))
        .contains("classes run in parallel")
        .contains("thread \"planted-thread\"")
        .contains("StandaloneLeakCheckTest.waitInside")
        .doesNotContain("tracker-daemon[");
    assertThat(failureOf(results, PlantsAServiceOnATempDir.class))
        .containsPattern("TrackerService \\(embedded\\) of /\\S+ was not closed")
        .contains("PlantsAServiceOnATempDir.opens_an_embedded_service_on_a_temp_dir");
    assertThat(failureOf(results, PlantsADaemonOnATempDir.class))
        .contains("thread \"tracker-daemon[" + PlantsADaemonOnATempDir.directory.getFileName())
        .contains("at dev.tracker.daemon.TrackerDaemon.<init>")
        .contains("PlantsADaemonOnATempDir.starts_a_daemon_of_its_own_on_a_temp_dir")
        .contains("/.tracker/daemon.sock");
    assertThat(failureOf(results, PlantsAClient.class))
        .contains("held by a daemon client (TrackerService), was not closed; opened at:")
        .contains("PlantsAClient.connects_a_client_and_never_closes_it");
    assertThat(failureOf(results, PlantsARawSocket.class))
        .contains("1 connection(s) to the daemon at")
        .contains("none is a tracker client");
    assertThat(failureOf(results, PlantsAStreamInTheWorkspace.class))
        .containsPattern("file descriptor \\d+ -> /\\S+/planted-inside.txt is still open");
    assertThat(Fixtures.classFailure(results, PlantsAStreamOutsideEveryDirectory.class))
        .as("a class cannot be blamed for a file outside its directories while others run")
        .isEmpty();
    assertThat(runFailure(results))
        .isInstanceOf(LeakException.class)
        .hasMessageStartingWith("The leak check of the run found 1 leak(s)")
        .hasMessageContaining(OUTSIDE.get() + " is still open at the end of the run")
        .hasMessageContaining("first seen open by dev.tracker.testkit.");
    for (Class<?> type : clean) {
      assertThat(Fixtures.classFailure(results, type)).as(type.getSimpleName()).isEmpty();
    }
    results.containerEvents().assertStatistics(stats -> stats.failed(7));
  }

  private static Throwable runFailure(EngineExecutionResults results) {
    return results.containerEvents().failed().stream()
        .filter(event -> event.getTestDescriptor().getParent().isEmpty())
        .map(event -> event.getRequiredPayload(TestExecutionResult.class))
        .flatMap(result -> result.getThrowable().stream())
        .findFirst()
        .orElseThrow(() -> new AssertionError("the run did not fail"));
  }
}
