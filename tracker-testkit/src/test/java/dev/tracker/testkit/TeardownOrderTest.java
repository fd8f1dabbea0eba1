package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerService;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.internal.TeardownEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Teardown runs in a fixed order: per-method clients, per-class clients, the daemon, the leak
 * check, the workspace. The fixtures record their callbacks, the resources their closing.
 */
class TeardownOrderTest {

  static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void listen() {
    EVENTS.clear();
    TeardownEvents.listen(EVENTS::add);
  }

  @AfterEach
  void stopListening() {
    TeardownEvents.listen(null);
  }

  @Fixture
  @TrackerDaemonTest
  static class PerClass {
    @BeforeAll
    static void beforeAll(TrackerService tracker) {
      tracker.stats();
    }

    @Test
    void test(TrackerService tracker, DaemonConnection connection) {
      tracker.stats();
      EVENTS.add("test");
    }

    @AfterEach
    void afterEach() {
      EVENTS.add("afterEach");
    }

    @AfterAll
    static void afterAll() {
      EVENTS.add("afterAll");
    }
  }

  @Fixture
  @TrackerDaemonTest(lifecycle = TrackerDaemonTest.Lifecycle.PER_METHOD)
  static class PerMethod {
    @Test
    void test(TrackerService tracker) {
      tracker.stats();
      EVENTS.add("test");
    }

    @AfterAll
    static void afterAll() {
      EVENTS.add("afterAll");
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class WithNested {
    @Nested
    @TrackerDaemonTest
    class Inner {
      @Test
      void test(TrackerService tracker) {
        EVENTS.add("inner test");
      }

      @AfterAll
      static void afterAll() {
        EVENTS.add("inner afterAll");
      }
    }

    @AfterAll
    static void afterAll() {
      EVENTS.add("outer afterAll");
    }
  }

  @Fixture
  @TrackerTest
  static class Embedded {
    @Test
    void test(TrackerService tracker) {
      EVENTS.add("test");
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class ClosesItsDaemon {
    @Test
    void test(TrackerDaemon daemon, TrackerService tracker, TrackerWorkspace workspace)
        throws IOException {
      tracker.create("before the close");

      daemon.close();

      assertThat(daemon.isRunning()).isFalse();
      assertThat(workspace.readLockFile()).isEmpty();
      assertThat(Files.size(workspace.pidFile())).isZero();
      EVENTS.add("test");
    }
  }

  @Test
  void a_test_may_close_the_daemon_and_the_teardown_still_runs_in_order_and_passes() {
    EngineExecutionResults results = Fixtures.run(ClosesItsDaemon.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
    assertThat(EVENTS)
        .containsExactly(
            "test",
            "TrackerService (method test) closed",
            "daemon closed",
            "leak check",
            "workspace deleted");
  }

  @Test
  void clients_then_daemon_then_leak_check_then_workspace() {
    Fixtures.run(PerClass.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

    assertThat(EVENTS)
        .containsExactly(
            "test",
            "afterEach",
            "DaemonConnection (method test) closed",
            "TrackerService (method test) closed",
            "afterAll",
            "TrackerService (class) closed",
            "daemon closed",
            "leak check",
            "workspace deleted");
  }

  @Test
  void a_per_method_daemon_closes_after_its_method_and_before_the_class_leak_check() {
    Fixtures.run(PerMethod.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

    assertThat(EVENTS)
        .containsExactly(
            "test",
            "TrackerService (method test) closed",
            "daemon closed",
            "afterAll",
            "leak check",
            "workspace deleted");
  }

  @Test
  void a_nested_class_with_its_own_daemon_is_torn_down_before_its_enclosing_class() {
    Fixtures.run(WithNested.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

    assertThat(EVENTS)
        .containsExactly(
            "inner test",
            "TrackerService (method test) closed",
            "inner afterAll",
            "daemon closed",
            "leak check",
            "workspace deleted",
            "outer afterAll",
            "daemon closed",
            "leak check",
            "workspace deleted");
  }

  @Test
  void an_embedded_service_closes_before_the_leak_check_and_the_workspace() {
    Fixtures.run(Embedded.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

    assertThat(EVENTS).containsExactly("test", "service closed", "leak check", "workspace deleted");
  }
}
