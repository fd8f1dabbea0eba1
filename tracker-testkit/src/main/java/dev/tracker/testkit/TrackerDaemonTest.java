package dev.tracker.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a {@link dev.tracker.daemon.TrackerDaemon} for the test class, in a temporary workspace of
 * its own, and injects it and its clients into constructors, lifecycle methods and test methods.
 *
 * <pre>{@code
 * @TrackerDaemonTest(git = true, seed = "fixtures/two-issues.jsonl")
 * class DaemonTest {
 *
 *   @Test
 *   void the_seed_is_served(TrackerService tracker) {
 *     assertThat(tracker.list()).hasSize(2);
 *   }
 *
 *   @Test
 *   void status_over_the_raw_protocol(DaemonConnection connection, TrackerWorkspace workspace) {
 *     assertThat(connection.call("status")).contains("\"running\":true");
 *   }
 * }
 * }</pre>
 *
 * <p><b>Injected parameters.</b>
 *
 * <ul>
 *   <li>{@link dev.tracker.daemon.TrackerDaemon}: the running daemon; its {@code syncs()}, {@code
 *       exports()} and {@code imports()} let a test wait for background work ({@link DaemonAwait}).
 *       A test may stop it, with {@code close()}, {@code stopAsync()} or the {@code stop} method,
 *       to test what comes after: the teardown then closes the clients, finds the daemon closed
 *       ({@code close()} is idempotent), runs the leak check and deletes the workspace as usual.
 *       What runs after it in the class sees a stopped daemon (clients fail with {@code
 *       DaemonUnavailableException}), so such a test is best in a class of its own or with {@link
 *       Lifecycle#PER_METHOD}.
 *   <li>{@link dev.tracker.core.TrackerService}: a client connected through the daemon's socket. A
 *       new one for each test method (shared by its {@code @BeforeEach}, the method and its
 *       {@code @AfterEach}, and by the constructor of a per-method test instance), closed after the
 *       method; in {@code @BeforeAll}, {@code @AfterAll} and the constructor of a
 *       {@code @TestInstance(PER_CLASS)} class, one for the class, closed at its end.
 *   <li>{@link DaemonConnection}: the raw protocol, scoped like the {@code TrackerService}.
 *   <li>{@link TrackerWorkspace}: the paths of the workspace, the daemon's {@code daemon.lock}
 *       (which a test may read) and {@code daemon.pid} (which it must not open).
 *   <li>{@link dev.tracker.daemon.ManualScheduler}: the daemon's time, with {@link #manualTime()}.
 * </ul>
 *
 * Other parameter types are left to other resolvers. Asking for something the class cannot have (a
 * {@link Lifecycle#PER_METHOD} daemon in {@code @BeforeAll}) fails with an {@link
 * org.junit.jupiter.api.extension.ExtensionConfigurationException} that names the parameter.
 *
 * <p><b>Teardown</b>, in this order, each step awaited: the per-method clients (after each method);
 * the per-class clients; the daemon, whose {@code close()} returns when its threads have ended; the
 * leak check ({@link #leakCheck()}); the workspace, deleted, or kept and its path reported (a
 * report entry {@code tracker.workspace}, and standard error) when the class failed: a failed test,
 * a failed lifecycle method, or the leak check.
 *
 * <p><b>Classes.</b> The annotation is inherited by subclasses. A {@code @Nested} class shares the
 * daemon and workspace of its enclosing class unless it (or its superclass) is annotated itself.
 * Classes may run in parallel: each has its own workspace, created under {@code java.io.tmpdir}
 * with the prefix {@code tracker-<class>-}.
 *
 * <p>A class annotated with both this and {@link TrackerTest} is rejected.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TrackerTestExtension.class)
// the extension is package-private on purpose: JUnit alone creates it, in a package opened to it
@SuppressWarnings("exports")
public @interface TrackerDaemonTest {

  /** Whether the workspace is a git repository (branch {@code main}), so that syncs commit. */
  boolean git() default false;

  /**
   * Whether the workspace also has a bare repository as its remote {@code origin}, so that syncs
   * fetch and push; implies {@link #git()}.
   */
  boolean remote() default false;

  /**
   * A class path resource in JSONL ({@code fixtures/two-issues.jsonl}) imported into the workspace,
   * and exported to its {@code issues.jsonl}, before the daemon starts; empty for none.
   */
  String seed() default "";

  /**
   * Whether the daemon syncs periodically. Off by default, so that a test sees only the background
   * work it causes; turn it on to test periodic syncs, best with {@link #manualTime()} on.
   */
  boolean syncEnabled() default false;

  /**
   * Whether the daemon runs on a {@link dev.tracker.daemon.ManualScheduler} that the test moves,
   * injected as a parameter: its periodic syncs, debounced exports, looks at {@code issues.jsonl}
   * and idle-connection closes happen when the test advances the time past them, and are over when
   * {@code advance} returns. Off by default: the daemon runs on real time.
   *
   * <pre>{@code
   * @TrackerDaemonTest(syncEnabled = true, syncInterval = "30s", manualTime = true)
   * class PeriodicSyncTest {
   *   @Test
   *   void syncs_every_interval(TrackerDaemon daemon, ManualScheduler time) {
   *     time.advance(Duration.ofSeconds(60));
   *     assertThat(daemon.syncs().count()).isEqualTo(2);
   *   }
   * }
   * }</pre>
   *
   * <p>Each daemon has its own: the class's, or each method's with {@link Lifecycle#PER_METHOD}.
   */
  boolean manualTime() default false;

  /**
   * How often the daemon syncs when {@link #syncEnabled()}: {@code 500ms}, {@code 30s}, {@code
   * PT1M}.
   */
  String syncInterval() default "30s";

  /**
   * How long the daemon waits after a change before it exports, when {@link #syncEnabled()}: {@code
   * 0ms}, {@code 100ms}, {@code PT1S}; each further change moves the export back.
   */
  String exportDebounce() default "500ms";

  /**
   * Where the SQLite database is, relative to the workspace ({@code data/tracker.db}); empty for
   * the default, {@code .tracker/tracker.db}. It must stay inside the workspace, which is deleted
   * after the class. {@link TrackerWorkspace#database()} says where it is.
   */
  String databasePath() default "";

  /**
   * Where the JSONL file is, relative to the workspace ({@code exports/issues.jsonl}); empty for
   * the default, {@code .tracker/issues.jsonl}. It must stay inside the workspace. {@link
   * TrackerWorkspace#jsonl()} says where it is.
   */
  String exportPath() default "";

  /**
   * Customizers applied, in this order, to the configuration and the daemon builder after the other
   * attributes: for a scenario no attribute covers, without leaving the testkit's teardown and leak
   * check. See {@link TrackerCustomizer}.
   */
  Class<? extends TrackerCustomizer>[] customizers() default {};

  /** Whether one daemon serves the whole class, or each test method gets its own. */
  Lifecycle lifecycle() default Lifecycle.PER_CLASS;

  /**
   * Whether a leak check runs after the daemon has stopped; settings come from a {@link LeakCheck}
   * on the class, if any.
   */
  boolean leakCheck() default true;

  /** How long a daemon lives. */
  enum Lifecycle {
    /** One daemon and workspace for the test class and its {@code @Nested} classes. */
    PER_CLASS,
    /**
     * A new daemon in a new workspace for each test method, started before its {@code BeforeEach}
     * methods and closed after its {@code @AfterEach} methods. Nothing of it can be injected into
     * {@code @BeforeAll} or {@code @AfterAll} methods.
     */
    PER_METHOD
  }
}
