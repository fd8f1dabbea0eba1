package dev.tracker.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class an embedded {@link dev.tracker.core.TrackerService} on a temporary workspace
 * of its own; no daemon runs.
 *
 * <pre>{@code
 * @TrackerTest(seed = "fixtures/two-issues.jsonl")
 * class ReadyWorkTest {
 *
 *   @Test
 *   void an_issue_without_blockers_is_ready(TrackerService tracker) {
 *     Issue issue = tracker.create("Write the docs");
 *     assertThat(tracker.ready()).contains(issue);
 *   }
 * }
 * }</pre>
 *
 * <p>Injects into constructors, lifecycle methods and test methods the one {@link
 * dev.tracker.core.TrackerService} of the class (do not close it: the extension does, at the end of
 * the class) and the {@link TrackerWorkspace}, whose {@code socket()} is empty. A {@code
 * TrackerDaemon} or a {@link DaemonConnection} cannot be injected here: use {@link
 * TrackerDaemonTest}.
 *
 * <p>Teardown, after the class: the service; the leak check; the workspace, deleted or, when the
 * class failed, kept and its path reported. Inheritance, {@code @Nested} classes and parallel
 * execution work as for {@link TrackerDaemonTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TrackerTestExtension.class)
// the extension is package-private on purpose: JUnit alone creates it, in a package opened to it
@SuppressWarnings("exports")
public @interface TrackerTest {

  /** Whether the workspace is a git repository (branch {@code main}), so that syncs commit. */
  boolean git() default false;

  /**
   * A class path resource in JSONL imported into the workspace, and exported to its {@code
   * issues.jsonl}, before the service is handed out; empty for none.
   */
  String seed() default "";

  /**
   * Where the SQLite database is, relative to the workspace ({@code data/tracker.db}); empty for
   * the default, {@code .tracker/tracker.db}. It must stay inside the workspace.
   */
  String databasePath() default "";

  /**
   * Where the JSONL file is, relative to the workspace ({@code exports/issues.jsonl}); empty for
   * the default, {@code .tracker/issues.jsonl}. It must stay inside the workspace.
   */
  String exportPath() default "";

  /**
   * Customizers applied, in this order, to the configuration after the other attributes; their
   * {@link TrackerCustomizer#daemon} is not called, as no daemon runs. See {@link
   * TrackerCustomizer}.
   */
  Class<? extends TrackerCustomizer>[] customizers() default {};

  /** Whether a leak check runs after the service is closed. */
  boolean leakCheck() default true;
}
