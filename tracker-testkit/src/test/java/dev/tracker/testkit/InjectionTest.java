package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.TrackerService;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Each type is injected into constructors, lifecycle methods and test methods; clients are scoped
 * to the method or the class that asked for them.
 */
class InjectionTest {

  /** What the fixtures were given, by where: "beforeAll.service", "first.constructor", ... */
  static final Map<String, Object> GIVEN = new ConcurrentHashMap<>();

  /** Whether each workspace existed while the tests ran. */
  static final Map<String, Boolean> EXISTED = new ConcurrentHashMap<>();

  @BeforeEach
  void clear() {
    GIVEN.clear();
    EXISTED.clear();
  }

  @Fixture
  @TrackerDaemonTest
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class Everywhere {
    private final TrackerService fromConstructor;

    Everywhere(TrackerService tracker, TestInfo info) {
      fromConstructor = tracker;
      GIVEN.put(info.getTestMethod().orElseThrow().getName() + ".constructor", tracker);
    }

    @BeforeAll
    static void beforeAll(
        TrackerDaemon daemon,
        TrackerService tracker,
        DaemonConnection connection,
        TrackerWorkspace workspace) {
      GIVEN.put("beforeAll.daemon", daemon);
      GIVEN.put("beforeAll.service", tracker);
      GIVEN.put("beforeAll.connection", connection);
      GIVEN.put("beforeAll.workspace", workspace);
      tracker.create("made in beforeAll");
    }

    @BeforeEach
    void beforeEach(TrackerService tracker, DaemonConnection connection, TestInfo info) {
      String method = info.getTestMethod().orElseThrow().getName();
      GIVEN.put(method + ".beforeEach.service", tracker);
      GIVEN.put(method + ".beforeEach.connection", connection);
    }

    @Test
    void first(
        TrackerDaemon daemon,
        TrackerService tracker,
        DaemonConnection connection,
        TrackerWorkspace workspace) {
      record("first", daemon, tracker, connection, workspace);
      assertThat(tracker).isSameAs(fromConstructor);
      assertThat(tracker.list()).extracting(issue -> issue.title()).contains("made in beforeAll");
      assertThat(connection.call("health")).contains("\"healthy\":true");
    }

    @Test
    void second(
        TrackerDaemon daemon,
        TrackerService tracker,
        DaemonConnection connection,
        TrackerWorkspace workspace) {
      record("second", daemon, tracker, connection, workspace);
      assertThat(tracker).isSameAs(fromConstructor);
    }

    @AfterEach
    void afterEach(TrackerService tracker, TestInfo info) {
      GIVEN.put(info.getTestMethod().orElseThrow().getName() + ".afterEach.service", tracker);
    }

    @AfterAll
    static void afterAll(TrackerService tracker, TrackerDaemon daemon) {
      GIVEN.put("afterAll.service", tracker);
      GIVEN.put("afterAll.daemon", daemon);
    }

    private static void record(
        String method,
        TrackerDaemon daemon,
        TrackerService tracker,
        DaemonConnection connection,
        TrackerWorkspace workspace) {
      GIVEN.put(method + ".daemon", daemon);
      GIVEN.put(method + ".service", tracker);
      GIVEN.put(method + ".connection", connection);
      GIVEN.put(method + ".workspace", workspace);
      EXISTED.put(method, Files.isDirectory(workspace.root()));
    }
  }

  @Fixture
  @TrackerDaemonTest
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class PerClassInstance {
    private final TrackerService fromConstructor;

    PerClassInstance(TrackerService tracker) {
      fromConstructor = tracker;
      GIVEN.put("constructor.service", tracker);
    }

    @Test
    void first(TrackerService tracker) {
      GIVEN.put("first.service", tracker);
      assertThat(tracker).isNotSameAs(fromConstructor);
      fromConstructor.create("still open");
    }

    @Test
    void second(TrackerService tracker) {
      GIVEN.put("second.service", tracker);
      assertThat(fromConstructor.list()).hasSize(1);
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class OtherResolvers {
    @Test
    void junit_resolves_its_own(TrackerDaemon daemon, TestInfo info) {
      assertThat(info.getDisplayName()).isNotBlank();
      assertThat(daemon.isRunning()).isTrue();
    }

    @Test
    void nobody_resolves_a_path(TrackerDaemon daemon, Path path) {}
  }

  @Fixture
  @TrackerTest
  static class Embedded {
    @BeforeAll
    static void beforeAll(TrackerService tracker, TrackerWorkspace workspace) {
      GIVEN.put("beforeAll.service", tracker);
      GIVEN.put("beforeAll.workspace", workspace);
    }

    @Test
    void test(TrackerService tracker, TrackerWorkspace workspace) {
      GIVEN.put("test.service", tracker);
      GIVEN.put("test.workspace", workspace);
      tracker.create("embedded");
      assertThat(workspace.database()).exists();
    }
  }

  private static Object given(String where) {
    return Objects.requireNonNull(GIVEN.get(where), () -> "nothing given in " + where);
  }

  @Test
  void every_type_reaches_constructors_lifecycle_methods_and_test_methods() {
    Fixtures.run(Everywhere.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    TrackerDaemon daemon = (TrackerDaemon) given("beforeAll.daemon");
    assertThat(List.of(given("first.daemon"), given("second.daemon"), given("afterAll.daemon")))
        .allSatisfy(other -> assertThat(other).isSameAs(daemon));
    TrackerWorkspace workspace = (TrackerWorkspace) given("first.workspace");
    assertThat(workspace)
        .isEqualTo(given("beforeAll.workspace"))
        .isEqualTo(given("second.workspace"));
    assertThat(workspace.socket()).contains(daemon.socket());
    assertThat(workspace.git()).isEmpty();
    assertThat(EXISTED).containsEntry("first", true).containsEntry("second", true);
    assertThat(workspace.root()).doesNotExist();
  }

  @Test
  void a_method_gets_one_service_of_its_own_shared_by_its_constructor_and_lifecycle_methods() {
    Fixtures.run(Everywhere.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    for (String method : List.of("first", "second")) {
      Object service = given(method + ".service");
      assertThat(given(method + ".constructor")).isSameAs(service);
      assertThat(given(method + ".beforeEach.service")).isSameAs(service);
      assertThat(given(method + ".afterEach.service")).isSameAs(service);
      assertThat(given(method + ".beforeEach.connection")).isSameAs(given(method + ".connection"));
    }
    assertThat(given("first.service")).isNotSameAs(given("second.service"));
    assertThat(given("first.connection")).isNotSameAs(given("second.connection"));
  }

  @Test
  void the_class_gets_one_service_for_before_all_and_after_all() {
    Fixtures.run(Everywhere.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(given("afterAll.service")).isSameAs(given("beforeAll.service"));
    assertThat(given("beforeAll.service"))
        .isNotSameAs(given("first.service"))
        .isNotSameAs(given("second.service"));
  }

  @Test
  void every_client_is_closed_after_its_scope() {
    Fixtures.run(Everywhere.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    for (String where : List.of("beforeAll", "first", "second")) {
      TrackerService service = (TrackerService) given(where + ".service");
      assertThatThrownBy(service::stats)
          .as("the service of %s", where)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      assertThat(((DaemonConnection) given(where + ".connection")).isOpen()).isFalse();
    }
  }

  @Test
  void the_constructor_of_a_per_class_instance_gets_the_class_service() {
    Fixtures.run(PerClassInstance.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(given("first.service")).isNotSameAs(given("second.service"));
    assertThatThrownBy(((TrackerService) given("constructor.service"))::stats)
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void other_types_are_left_to_other_resolvers() {
    EngineExecutionResults results = Fixtures.run(OtherResolvers.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    assertThat(results.testEvents().failed().stream())
        .singleElement()
        .satisfies(
            event ->
                assertThat(
                        event
                            .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .getThrowable()
                            .orElseThrow())
                    .hasMessageContaining("No ParameterResolver registered for parameter")
                    .hasMessageContaining("java.nio.file.Path"));
  }

  @Test
  void a_tracker_test_gets_the_one_embedded_service_and_a_workspace_without_socket() {
    Fixtures.run(Embedded.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));

    assertThat(given("test.service")).isSameAs(given("beforeAll.service"));
    TrackerWorkspace workspace = (TrackerWorkspace) given("test.workspace");
    assertThat(workspace).isEqualTo(given("beforeAll.workspace"));
    assertThat(workspace.socket()).isEmpty();
    assertThatThrownBy(((TrackerService) given("test.service"))::stats)
        .isInstanceOf(IllegalStateException.class);
    assertThat(workspace.root()).doesNotExist();
  }
}
