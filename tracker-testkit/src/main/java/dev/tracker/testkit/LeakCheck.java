package dev.tracker.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test class, with a {@link LeakException}, when it leaves behind what it started:
 * threads, open file descriptors, {@link dev.tracker.core.TrackerService}s not closed, daemon
 * connections not closed, pool connections not given back.
 *
 * <pre>{@code
 * @LeakCheck(allowThreads = "my-cache-refresher")
 * class ImporterTest {
 *   @Test
 *   void imports(@TempDir Path directory) {
 *     try (TrackerService tracker = TrackerService.embedded(TrackerConfig.load(directory))) {
 *       tracker.importJsonl(directory.resolve("issues.jsonl"));
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>A baseline is taken before the class starts (after a one-time warm-up that lets process-wide
 * threads and files of JGit, SQLite and the JDK appear) and compared after the class's teardown.
 * What has not ended yet gets {@link #linger()} to end: threads are joined, services and
 * connections awaited, then descriptors read again. Nothing sleeps.
 *
 * <p><b>What is a leak.</b> When JUnit runs classes one at a time, every new thread that is not on
 * the allow-list and every new file descriptor (but {@code .jar} files) is one. When classes run in
 * parallel, what is provably the class's own is: every thread its code started (and every thread
 * those started), every service and daemon connection its code created, wherever their workspace
 * is, and every file descriptor of a file in its workspaces, its bare remote or its
 * {@code @TempDir}s; never what another class started. The class's code (its constructors,
 * lifecycle and test methods) runs with a context class loader of the class's own, which delegates
 * everything to the one it stands in for and which the threads it starts inherit: that is how the
 * check tells. A thread or file that no class can be blamed for (a file outside every class's
 * directories, a thread whose factory set its own context class loader) fails the run at its end,
 * once, naming the first class that saw it.
 *
 * <p>{@link TrackerDaemonTest} and {@link TrackerTest} run this check unless told not to, with the
 * settings of a {@code @LeakCheck} on the same class if there is one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LeakCheckTestExtension.class)
// the extension is package-private on purpose: JUnit alone creates it, in a package opened to it
@SuppressWarnings("exports")
public @interface LeakCheck {

  /** How long what is still alive after teardown may take to end: {@code 500ms}, {@code 2s}. */
  String linger() default "2s";

  /**
   * Regular expressions of thread names that are not leaks, in addition to the built-in ones
   * (threads of the JVM, JUnit, surefire, JGit, and the JDK's {@code process reaper} and common
   * pool). Each must match the whole name.
   */
  String[] allowThreads() default {};
}
