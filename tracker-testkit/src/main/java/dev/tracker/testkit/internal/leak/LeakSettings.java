package dev.tracker.testkit.internal.leak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a leak check runs.
 *
 * @param linger how long what is still alive after teardown may take to end
 * @param allowedThreads names of threads that are never leaks, the built-in ones included
 * @param wholeProcess whether every new thread and descriptor counts (classes run one at a time),
 *     or only what can be pinned on the class (classes run in parallel)
 */
public record LeakSettings(Duration linger, List<Pattern> allowedThreads, boolean wholeProcess) {

  /** Default linger. */
  public static final Duration DEFAULT_LINGER = Duration.ofSeconds(2);

  /**
   * Threads that the JVM, JUnit, surefire and the libraries tracker uses own process-wide: they
   * outlive every class, appear whenever first needed, and are nobody's leak.
   */
  public static final List<Pattern> BUILT_IN_ALLOWED_THREADS =
      List.of(
          Pattern.compile("JGit-.*"),
          Pattern.compile("process reaper"),
          Pattern.compile("Common-Cleaner"),
          Pattern.compile("Attach Listener"),
          Pattern.compile("Signal Dispatcher"),
          Pattern.compile("Reference Handler"),
          Pattern.compile("Finalizer"),
          Pattern.compile("Notification Thread"),
          Pattern.compile("Service Thread"),
          Pattern.compile("Monitor Deflation Thread"),
          Pattern.compile("C[12] CompilerThread\\d+"),
          Pattern.compile("Sweeper thread"),
          Pattern.compile("ForkJoinPool\\.commonPool-worker-\\d+"),
          Pattern.compile("CompletableFutureDelayScheduler"),
          Pattern.compile("junit-.*"),
          Pattern.compile("surefire-forkedjvm-.*"));

  /** The built-in allow-list plus the given regular expressions. */
  public static List<Pattern> allowing(List<String> regexes) {
    List<Pattern> allowed = new ArrayList<>(BUILT_IN_ALLOWED_THREADS);
    regexes.stream().map(Pattern::compile).forEach(allowed::add);
    return List.copyOf(allowed);
  }

  /** Copies the list. */
  public LeakSettings {
    allowedThreads = List.copyOf(allowedThreads);
  }

  boolean allows(String threadName) {
    return allowedThreads.stream().anyMatch(pattern -> pattern.matcher(threadName).matches());
  }

  /** Whether the built-in allow-list, which holds for every class, allows the thread. */
  static boolean allowedEverywhere(String threadName) {
    return BUILT_IN_ALLOWED_THREADS.stream()
        .anyMatch(pattern -> pattern.matcher(threadName).matches());
  }
}
