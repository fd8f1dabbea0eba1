package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.testkit.internal.workspace.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The check of the whole run: what no class's check could pin on its class and is still open at the
 * end fails the run, once, naming the first class that saw it; what a class's check reported or
 * allowed is never reported again.
 */
class SessionCheckTest {

  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static final CountDownLatch LATE_START = new CountDownLatch(1);
  static final CountDownLatch LATE_STARTED = new CountDownLatch(1);
  static final AtomicReference<Path> OUTSIDE = new AtomicReference<>();

  @AfterEach
  void releaseWhatTheFixturesLeaked() {
    LeakCheckTest.closeLeaked();
    Path outside = OUTSIDE.getAndSet(null);
    if (outside != null) {
      Directories.delete(outside);
    }
  }

  @AfterAll
  static void endTheThreads() {
    RELEASE.countDown();
    LATE_START.countDown();
  }

  // fixtures

  /** Starts a thread whose factory gives it the system class loader: it carries no class's mark. */
  @Fixture
  @LeakCheck(linger = "100ms")
  static class StartsAnUnmarkedThread {
    @Test
    void starts_a_thread_with_a_context_class_loader_of_its_own() throws InterruptedException {
      CountDownLatch inside = new CountDownLatch(1);
      Thread thread =
          new Thread(() -> StandaloneLeakCheckTest.waitInside(inside, RELEASE), "unmarked-leak");
      thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
      thread.start();
      inside.await();
    }
  }

  /** Opens a service in an extension's callback, which is no test code, outside every directory. */
  static final class OpensAServiceOutside implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
      Path directory = Files.createTempDirectory("session-check-");
      OUTSIDE.set(directory);
      TrackerService service =
          TrackerService.embedded(
              TrackerConfig.builder(directory).readConfigFile(false).environment(Map.of()).build());
      LeakCheckTest.LEAKED.add(service);
    }
  }

  @Fixture
  @LeakCheck(linger = "100ms")
  @ExtendWith(OpensAServiceOutside.class)
  static class ExtensionOpensAService {
    @Test
    void test() {}
  }

  /**
   * Its own allow-list tolerates a thread that, once the next class has begun, starts another: the
   * second is started by this class's code after its check.
   */
  @Fixture
  @LeakCheck(linger = "100ms", allowThreads = "tolerated-starter")
  static class StartsAThreadLate {
    @Test
    void starts_a_tolerated_thread_that_starts_another_later() {
      new Thread(
              () -> {
                StandaloneLeakCheckTest.awaitRelease(LATE_START);
                new Thread(
                        () -> StandaloneLeakCheckTest.waitInside(LATE_STARTED, RELEASE),
                        "late-thread")
                    .start();
              },
              "tolerated-starter")
          .start();
    }
  }

  @Fixture
  @LeakCheck(linger = "100ms")
  static class LetsTheLateThreadStart {
    @BeforeAll
    static void release() {
      LATE_START.countDown();
      StandaloneLeakCheckTest.awaitRelease(LATE_STARTED);
    }

    @Test
    void test() {}
  }

  private static Optional<Throwable> runFailure(EngineExecutionResults results) {
    return results.containerEvents().failed().stream()
        .filter(event -> event.getTestDescriptor().getParent().isEmpty())
        .map(event -> event.getRequiredPayload(TestExecutionResult.class))
        .flatMap(result -> result.getThrowable().stream())
        .findFirst();
  }

  // tests

  @Test
  void a_thread_no_class_can_be_blamed_for_fails_the_run_naming_who_saw_it_first() {
    EngineExecutionResults results =
        Fixtures.runInParallel(
            StartsAnUnmarkedThread.class, StandaloneLeakCheckTest.ClosesItsService.class);

    assertThat(Fixtures.classFailure(results, StartsAnUnmarkedThread.class)).isEmpty();
    assertThat(runFailure(results))
        .hasValueSatisfying(
            failure ->
                assertThat(failure)
                    .isInstanceOf(LeakException.class)
                    .hasMessageContaining("found 1 leak(s)")
                    .hasMessageContaining("thread \"unmarked-leak\"")
                    .hasMessageContaining("carries no class's mark")
                    .hasMessageContaining("first seen by dev.tracker.testkit.")
                    .hasMessageContaining("StandaloneLeakCheckTest.waitInside"));
  }

  @Test
  void a_service_opened_outside_any_class_code_fails_the_run() {
    EngineExecutionResults results =
        Fixtures.runInParallel(
            ExtensionOpensAService.class, StandaloneLeakCheckTest.ClosesItsService.class);

    assertThat(Fixtures.classFailure(results, ExtensionOpensAService.class)).isEmpty();
    assertThat(runFailure(results))
        .hasValueSatisfying(
            failure ->
                assertThat(failure)
                    .hasMessageContaining(
                        "TrackerService (embedded) of " + OUTSIDE.get() + " was not closed")
                    .hasMessageContaining("and no test class's code created it")
                    .hasMessageContaining("first seen open by dev.tracker.testkit."));
  }

  @Test
  void a_thread_started_by_a_class_after_its_check_fails_the_run_and_what_it_allowed_does_not() {
    EngineExecutionResults results =
        Fixtures.run(StartsAThreadLate.class, LetsTheLateThreadStart.class);

    assertThat(Fixtures.classFailure(results, StartsAThreadLate.class)).isEmpty();
    assertThat(Fixtures.classFailure(results, LetsTheLateThreadStart.class)).isEmpty();
    assertThat(runFailure(results))
        .hasValueSatisfying(
            failure ->
                assertThat(failure)
                    .hasMessageContaining("found 1 leak(s)")
                    .hasMessageContaining("thread \"late-thread\" (")
                    .hasMessageContaining(
                        "), started by code of "
                            + StartsAThreadLate.class.getName()
                            + " after that class's leak check")
                    .hasMessageNotContaining("tolerated-starter"));
  }

  @Test
  void what_a_class_reported_is_not_reported_again_at_the_end() {
    EngineExecutionResults results =
        Fixtures.runInParallel(
            ParallelLeaksTest.PlantsAServiceOnATempDir.class, LeakCheckTest.LeakedFile.class);

    assertThat(Fixtures.classFailure(results, ParallelLeaksTest.PlantsAServiceOnATempDir.class))
        .isPresent();
    assertThat(Fixtures.classFailure(results, LeakCheckTest.LeakedFile.class)).isPresent();
    assertThat(runFailure(results)).isEmpty();
  }
}
