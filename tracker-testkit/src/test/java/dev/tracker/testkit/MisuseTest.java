package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.TrackerDaemon;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** Misuse fails with an {@link ExtensionConfigurationException} that says what and why. */
class MisuseTest {

  @Fixture
  @TrackerDaemonTest(lifecycle = TrackerDaemonTest.Lifecycle.PER_METHOD)
  static class PerMethodDaemonInBeforeAll {
    @BeforeAll
    static void beforeAll(TrackerDaemon daemon) {}

    @Test
    void test() {}
  }

  @Fixture
  @TrackerDaemonTest(lifecycle = TrackerDaemonTest.Lifecycle.PER_METHOD)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerMethodWorkspaceInPerClassConstructor {
    PerMethodWorkspaceInPerClassConstructor(TrackerWorkspace workspace) {}

    @Test
    void test() {}
  }

  @Fixture
  @TrackerTest
  static class DaemonInTrackerTest {
    @Test
    void test(TrackerDaemon daemon) {}
  }

  @Fixture
  @TrackerTest
  static class ConnectionInTrackerTest {
    @Test
    void test(DaemonConnection connection) {}
  }

  @Fixture
  @TrackerDaemonTest
  static class ManualTimeOfARealTimeDaemon {
    @Test
    void test(ManualScheduler time) {}
  }

  @Fixture
  @TrackerDaemonTest
  @TrackerTest
  static class BothAnnotations {
    @Test
    void test(TrackerService tracker) {}
  }

  @Fixture
  @TrackerDaemonTest(syncInterval = "soon")
  static class BadSyncInterval {
    @Test
    void test() {}
  }

  @Fixture
  @TrackerDaemonTest(seed = "seeds/missing.jsonl")
  static class MissingSeed {
    @Test
    void test() {}
  }

  @Fixture
  @TrackerDaemonTest(seed = "seeds/malformed.jsonl")
  static class MalformedSeed {
    @Test
    void test() {}
  }

  @Fixture
  @TrackerDaemonTest(leakCheck = false)
  @LeakCheck
  static class LeakCheckOffAndOn {
    @Test
    void test() {}
  }

  @Fixture
  @TrackerDaemonTest
  @LeakCheck(linger = "a while")
  static class BadLinger {
    @Test
    void test() {}
  }

  @Fixture
  @TrackerDaemonTest(exportDebounce = "-1s")
  static class NegativeDebounce {
    @Test
    void test() {}
  }

  @Fixture
  @TrackerDaemonTest(databasePath = "/tmp/elsewhere.db")
  static class AbsoluteDatabasePath {
    @Test
    void test() {}
  }

  @Fixture
  @TrackerTest(exportPath = "../outside.jsonl")
  static class ExportPathOutsideTheWorkspace {
    @Test
    void test() {}
  }

  @Fixture
  @TrackerDaemonTest(databasePath = "one.file", exportPath = "./one.file")
  static class OnePathForBoth {
    @Test
    void test() {}
  }

  /** Has no constructor without parameters. */
  static final class NeedsAnArgument implements TrackerCustomizer {
    NeedsAnArgument(String prefix) {}
  }

  @Fixture
  @TrackerDaemonTest(customizers = NeedsAnArgument.class)
  static class CustomizerWithoutDefaultConstructor {
    @Test
    void test() {}
  }

  /** Sets a value the configuration refuses. */
  static final class ZeroInterval implements TrackerCustomizer {
    @Override
    public void config(TrackerConfig.Builder config) {
      config.syncInterval(Duration.ZERO);
    }
  }

  @Fixture
  @TrackerTest(customizers = ZeroInterval.class)
  static class CustomizerWithABadValue {
    @Test
    void test() {}
  }

  /** Sets a limit the daemon refuses. */
  static final class NoConnections implements TrackerCustomizer {
    @Override
    public void daemon(TrackerDaemon.Builder daemon) {
      daemon.maxConnections(0);
    }
  }

  @Fixture
  @TrackerDaemonTest(customizers = NoConnections.class)
  static class CustomizerWithABadLimit {
    @Test
    void test() {}
  }

  /** The configuration error behind the first failure: the class's, else a test's. */
  private static ExtensionConfigurationException failure(Class<?> fixture) {
    EngineExecutionResults results = Fixtures.run(fixture);
    Throwable failure =
        Fixtures.classFailure(results, fixture)
            .or(
                () ->
                    results.testEvents().failed().stream()
                        .map(Event::getPayload)
                        .flatMap(payload -> payload.stream())
                        .filter(TestExecutionResult.class::isInstance)
                        .map(TestExecutionResult.class::cast)
                        .flatMap(result -> result.getThrowable().stream())
                        .findFirst())
            .orElseThrow(() -> new AssertionError(fixture.getSimpleName() + " did not fail"));
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ExtensionConfigurationException configuration) {
        return configuration;
      }
    }
    throw new AssertionError("not a configuration error", failure);
  }

  private static Optional<String> message(Class<?> fixture) {
    return Optional.ofNullable(failure(fixture).getMessage());
  }

  @Test
  void a_per_method_daemon_in_before_all_names_the_parameter_and_the_alternatives() {
    assertThat(message(PerMethodDaemonInBeforeAll.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("Cannot inject parameter [dev.tracker.daemon.TrackerDaemon daemon]")
                    .contains("PerMethodDaemonInBeforeAll.beforeAll")
                    .contains("lifecycle = PER_METHOD")
                    .contains("use lifecycle = PER_CLASS"));
  }

  @Test
  void a_per_method_workspace_in_a_per_class_constructor_names_the_constructor() {
    assertThat(message(PerMethodWorkspaceInPerClassConstructor.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("[dev.tracker.testkit.TrackerWorkspace workspace]")
                    .contains("constructor dev.tracker.testkit.MisuseTest$PerMethodWorkspace"));
  }

  @Test
  void a_daemon_or_a_raw_connection_in_a_tracker_test_points_to_tracker_daemon_test() {
    assertThat(message(DaemonInTrackerTest.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("[dev.tracker.daemon.TrackerDaemon daemon]")
                    .contains("a @TrackerTest class runs no daemon")
                    .contains("use @TrackerDaemonTest for a TrackerDaemon"));
    assertThat(message(ConnectionInTrackerTest.class))
        .hasValueSatisfying(
            message ->
                assertThat(message).contains("use @TrackerDaemonTest for a DaemonConnection"));
  }

  @Test
  void the_manual_time_of_a_daemon_on_real_time_points_to_manual_time() {
    assertThat(message(ManualTimeOfARealTimeDaemon.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("[dev.tracker.daemon.ManualScheduler time]")
                    .contains("the daemon runs on real time")
                    .contains("@TrackerDaemonTest(manualTime = true)"));
  }

  @Test
  void both_annotations_on_one_class_are_refused() {
    assertThat(message(BothAnnotations.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains(
                        "BothAnnotations is annotated with both @TrackerDaemonTest and"
                            + " @TrackerTest"));
  }

  @Test
  void bad_values_are_named_with_their_attribute() {
    assertThat(message(BadSyncInterval.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("@TrackerDaemonTest(syncInterval = \"soon\") on")
                    .contains("must be a positive duration"));
    assertThat(message(BadLinger.class))
        .hasValueSatisfying(
            message -> assertThat(message).contains("@LeakCheck(linger = \"a while\") on"));
    assertThat(message(LeakCheckOffAndOn.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("@TrackerDaemonTest(leakCheck = false) and @LeakCheck"));
  }

  @Test
  void a_bad_debounce_or_path_is_named_with_its_attribute() {
    assertThat(message(NegativeDebounce.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("@TrackerDaemonTest(exportDebounce = \"-1s\") on")
                    .contains("must be a duration that is not negative"));
    assertThat(message(AbsoluteDatabasePath.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("@TrackerDaemonTest(databasePath = \"/tmp/elsewhere.db\") on")
                    .contains("must be a relative path inside the workspace"));
    assertThat(message(ExportPathOutsideTheWorkspace.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("@TrackerTest(exportPath = \"../outside.jsonl\") on")
                    .contains("must be a relative path inside the workspace"));
    assertThat(message(OnePathForBoth.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("the database and the JSONL file are both one.file")
                    .contains("give them different paths"));
  }

  @Test
  void a_customizer_that_cannot_be_made_or_sets_a_bad_value_is_named() {
    assertThat(message(CustomizerWithoutDefaultConstructor.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("@TrackerDaemonTest(customizers = [NeedsAnArgument]) on")
                    .contains("cannot make a dev.tracker.testkit.MisuseTest$NeedsAnArgument")
                    .contains("a constructor without parameters"));
    assertThat(message(CustomizerWithABadValue.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("@TrackerTest(customizers = [ZeroInterval]) on")
                    .contains("the configuration is invalid")
                    .contains("sync.interval"));
    assertThat(message(CustomizerWithABadLimit.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("@TrackerDaemonTest(customizers = [NoConnections]) on")
                    .contains("the daemon's settings are invalid")
                    .contains("maxConnections must be at least 1, was '0'"));
  }

  @Test
  void a_seed_that_is_missing_or_malformed_is_named() {
    assertThat(message(MissingSeed.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("@TrackerDaemonTest(seed = \"seeds/missing.jsonl\") on")
                    .contains("no such resource on the class path"));
    assertThat(message(MalformedSeed.class))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains("@TrackerDaemonTest(seed = \"seeds/malformed.jsonl\") on")
                    .contains("malformed.jsonl:2: not valid JSON"));
  }
}
