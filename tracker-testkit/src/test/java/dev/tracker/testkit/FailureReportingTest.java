package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tracker.daemon.TrackerDaemon;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * A class that failed keeps its workspace and reports where it is; a class that passed deletes it.
 */
class FailureReportingTest {

  static final List<Path> WORKSPACES = Collections.synchronizedList(new ArrayList<>());

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalStderr = System.err;

  @BeforeEach
  void captureStandardError() {
    WORKSPACES.clear();
    originalStderr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStandardError() {
    System.setErr(originalStderr);
  }

  @Fixture
  @TrackerDaemonTest
  static class Passing {
    @Test
    void passes(TrackerWorkspace workspace) {
      WORKSPACES.add(workspace.root());
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class FailingTest {
    @Test
    void passes(TrackerWorkspace workspace) {
      WORKSPACES.add(workspace.root());
    }

    @Test
    void fails() {
      fail("planted failure");
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class FailingBeforeAll {
    @BeforeAll
    static void beforeAll(TrackerWorkspace workspace) {
      WORKSPACES.add(workspace.root());
      throw new IllegalStateException("planted failure in @BeforeAll");
    }

    @Test
    void never_runs() {}
  }

  @Fixture
  @TrackerDaemonTest
  static class FailingAfterAll {
    @Test
    void passes(TrackerWorkspace workspace) {
      WORKSPACES.add(workspace.root());
    }

    @AfterAll
    @SuppressWarnings("DoNotCallSuggester") // JUnit calls it, and throwing is its whole job
    static void afterAll() {
      throw new IllegalStateException("planted failure in @AfterAll");
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class FailingInNested {
    @Test
    void passes(TrackerWorkspace workspace) {
      WORKSPACES.add(workspace.root());
    }

    @Nested
    class Inner {
      @Test
      void fails() {
        fail("planted failure in a nested class");
      }
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class FailingNestedBeforeAll {
    @Test
    void passes(TrackerWorkspace workspace) {
      WORKSPACES.add(workspace.root());
    }

    @Nested
    class Inner {
      @BeforeAll
      @SuppressWarnings("DoNotCallSuggester") // JUnit calls it, and throwing is its whole job
      static void beforeAll() {
        throw new IllegalStateException("planted failure in a nested @BeforeAll");
      }

      @Test
      void never_runs() {}
    }
  }

  @Fixture
  @TrackerDaemonTest(lifecycle = TrackerDaemonTest.Lifecycle.PER_METHOD)
  static class FailingPerMethod {
    @Test
    void fails(TrackerWorkspace workspace) {
      WORKSPACES.add(workspace.root());
      fail("planted failure");
    }
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "100ms")
  static class Leaking {
    @Test
    void leaks(TrackerWorkspace workspace, TrackerDaemon daemon) {
      WORKSPACES.add(workspace.root());
      LeakCheckTest.LEAKED.add(DaemonConnection.open(daemon.socket()));
    }
  }

  private void assertKeptAndReported(Class<?> fixture) {
    EngineExecutionResults results = Fixtures.runKeepingWorkspaces(fixture);
    try {
      assertThat(WORKSPACES).hasSize(1);
      Path workspace = WORKSPACES.get(0);
      assertThat(workspace).isDirectory();
      assertThat(Fixtures.reportEntries(results, "tracker.workspace"))
          .singleElement()
          .satisfies(entry -> assertThat(entry).contains(workspace.toString()));
      assertThat(stderr.toString(StandardCharsets.UTF_8))
          .contains(fixture.getName() + " failed: its workspace is kept for inspection:")
          .contains(workspace.toString());
    } finally {
      Fixtures.deleteKeptWorkspaces(results);
      LeakCheckTest.closeLeaked();
    }
  }

  @Test
  void a_passing_class_deletes_its_workspace_and_reports_nothing() {
    EngineExecutionResults results = Fixtures.runKeepingWorkspaces(Passing.class);

    assertThat(WORKSPACES).singleElement().satisfies(path -> assertThat(path).doesNotExist());
    assertThat(Fixtures.reportEntries(results, "tracker.workspace")).isEmpty();
    assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("kept");
  }

  @Test
  void a_failing_test_keeps_the_workspace_and_reports_its_path() {
    assertKeptAndReported(FailingTest.class);
  }

  @Test
  void a_failing_before_all_keeps_the_workspace() {
    assertKeptAndReported(FailingBeforeAll.class);
  }

  @Test
  void a_failing_after_all_keeps_the_workspace() {
    assertKeptAndReported(FailingAfterAll.class);
  }

  @Test
  void a_failing_test_in_a_nested_class_keeps_the_shared_workspace() {
    assertKeptAndReported(FailingInNested.class);
  }

  @Test
  void a_failing_nested_before_all_keeps_the_shared_workspace() {
    assertKeptAndReported(FailingNestedBeforeAll.class);
  }

  @Test
  void a_failing_test_keeps_its_per_method_workspace() {
    assertKeptAndReported(FailingPerMethod.class);
  }

  @Test
  void a_failed_leak_check_keeps_the_workspace() {
    assertKeptAndReported(Leaking.class);
  }
}
