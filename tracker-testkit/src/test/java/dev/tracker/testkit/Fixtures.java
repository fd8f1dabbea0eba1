package dev.tracker.testkit;

import dev.tracker.testkit.internal.workspace.Directories;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs fixture classes through JUnit's {@link EngineTestKit}, as JUnit tests its own extensions.
 * Fixtures are static classes nested in the test classes, so that surefire never runs them alone.
 */
final class Fixtures {

  private Fixtures() {}

  /** Runs the classes one at a time; deletes the workspaces of those that failed. */
  static EngineExecutionResults run(Class<?>... classes) {
    return deleteKeptWorkspaces(runKeepingWorkspaces(classes));
  }

  /** Runs the classes one at a time; the caller deletes the workspaces kept. */
  static EngineExecutionResults runKeepingWorkspaces(Class<?>... classes) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(Fixture.PARAMETER, "true")
        .selectors(selectors(classes))
        .execute();
  }

  /** Runs the classes with JUnit's parallel execution, classes concurrently. */
  static EngineExecutionResults runInParallel(Class<?>... classes) {
    return deleteKeptWorkspaces(
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(Fixture.PARAMETER, "true")
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .configurationParameter(
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
            .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
            .configurationParameter(
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
            .selectors(selectors(classes))
            .execute());
  }

  /** Deletes the workspaces the classes' failures kept; returns the results. */
  static EngineExecutionResults deleteKeptWorkspaces(EngineExecutionResults results) {
    for (String kept : reportEntries(results, "tracker.workspace")) {
      for (String directory : kept.split(", ", -1)) {
        Directories.delete(Path.of(directory));
      }
    }
    return results;
  }

  private static DiscoverySelector[] selectors(Class<?>... classes) {
    return Arrays.stream(classes)
        .map(DiscoverySelectors::selectClass)
        .toArray(DiscoverySelector[]::new);
  }

  /** Why the class's container failed, if it did. */
  static Optional<Throwable> classFailure(EngineExecutionResults results, Class<?> fixture) {
    return results.containerEvents().failed().stream()
        .filter(event -> isClass(event, fixture))
        .map(event -> event.getRequiredPayload(TestExecutionResult.class))
        .flatMap(result -> result.getThrowable().stream())
        .findFirst();
  }

  /** The values of the report entries published with this key. */
  static List<String> reportEntries(EngineExecutionResults results, String key) {
    return results.allEvents().reportingEntryPublished().stream()
        .map(event -> event.getRequiredPayload(ReportEntry.class))
        .map(entry -> entry.getKeyValuePairs().get(key))
        .filter(Objects::nonNull)
        .toList();
  }

  private static boolean isClass(Event event, Class<?> fixture) {
    return event
        .getTestDescriptor()
        .getSource()
        .filter(source -> source instanceof ClassSource c && c.getJavaClass() == fixture)
        .isPresent();
  }
}
