package dev.tracker.testkit.internal.extension;

import dev.tracker.testkit.LeakCheck;
import dev.tracker.testkit.TrackerCustomizer;
import dev.tracker.testkit.TrackerDaemonTest;
import dev.tracker.testkit.TrackerDaemonTest.Lifecycle;
import dev.tracker.testkit.TrackerTest;
import dev.tracker.testkit.internal.Durations;
import dev.tracker.testkit.internal.leak.LeakSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.AnnotationSupport;

/** What a test class's annotation asks for, checked. */
record Settings(
    Class<?> testClass,
    String annotation,
    boolean daemon,
    boolean git,
    boolean remote,
    String seed,
    boolean syncEnabled,
    Duration syncInterval,
    boolean manualTime,
    Lifecycle lifecycle,
    boolean leakCheck,
    @Nullable Duration exportDebounce,
    @Nullable Path databasePath,
    @Nullable Path exportPath,
    List<Class<? extends TrackerCustomizer>> customizers) {

  private static final Path DEFAULT_DATABASE = Path.of(".tracker", "tracker.db");
  private static final Path DEFAULT_EXPORT = Path.of(".tracker", "issues.jsonl");

  static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";
  static final String MODE = "junit.jupiter.execution.parallel.mode.default";
  static final String CLASSES_MODE = "junit.jupiter.execution.parallel.mode.classes.default";

  /**
   * The settings of the class's own {@link TrackerDaemonTest} or {@link TrackerTest}, found on it
   * or inherited from a superclass; null when it has neither.
   *
   * @throws ExtensionConfigurationException if it has both, or a value is invalid
   */
  static @Nullable Settings of(Class<?> testClass) {
    Optional<TrackerDaemonTest> daemon =
        AnnotationSupport.findAnnotation(testClass, TrackerDaemonTest.class);
    Optional<TrackerTest> embedded = AnnotationSupport.findAnnotation(testClass, TrackerTest.class);
    if (daemon.isPresent() && embedded.isPresent()) {
      throw new ExtensionConfigurationException(
          testClass.getName()
              + " is annotated with both @TrackerDaemonTest and @TrackerTest (directly or through"
              + " a superclass): choose one, a daemon or an embedded service");
    }
    Optional<LeakCheck> leakCheck = AnnotationSupport.findAnnotation(testClass, LeakCheck.class);
    if (daemon.isPresent()) {
      TrackerDaemonTest a = daemon.get();
      Duration interval =
          Durations.parsePositive(a.syncInterval())
              .orElseThrow(
                  () ->
                      invalid(
                          testClass,
                          "@TrackerDaemonTest",
                          "syncInterval",
                          a.syncInterval(),
                          "a positive duration like 500ms, 30s or PT1M"));
      Duration debounce =
          Durations.parse(a.exportDebounce())
              .filter(d -> !d.isNegative())
              .orElseThrow(
                  () ->
                      invalid(
                          testClass,
                          "@TrackerDaemonTest",
                          "exportDebounce",
                          a.exportDebounce(),
                          "a duration that is not negative, like 0ms, 100ms or PT1S"));
      checkLeakCheck(testClass, "@TrackerDaemonTest", a.leakCheck(), leakCheck);
      Path database = path(testClass, "@TrackerDaemonTest", "databasePath", a.databasePath());
      Path export = path(testClass, "@TrackerDaemonTest", "exportPath", a.exportPath());
      checkDistinct(testClass, "@TrackerDaemonTest", database, export);
      return new Settings(
          testClass,
          "@TrackerDaemonTest",
          true,
          a.git() || a.remote(),
          a.remote(),
          a.seed(),
          a.syncEnabled(),
          interval,
          a.manualTime(),
          a.lifecycle(),
          a.leakCheck(),
          debounce,
          database,
          export,
          List.of(a.customizers()));
    }
    if (embedded.isPresent()) {
      TrackerTest a = embedded.get();
      checkLeakCheck(testClass, "@TrackerTest", a.leakCheck(), leakCheck);
      Path database = path(testClass, "@TrackerTest", "databasePath", a.databasePath());
      Path export = path(testClass, "@TrackerTest", "exportPath", a.exportPath());
      checkDistinct(testClass, "@TrackerTest", database, export);
      return new Settings(
          testClass,
          "@TrackerTest",
          false,
          a.git(),
          false,
          a.seed(),
          false,
          Duration.ofSeconds(30),
          false,
          Lifecycle.PER_CLASS,
          a.leakCheck(),
          null,
          database,
          export,
          List.of(a.customizers()));
    }
    return null;
  }

  /** Whether the class has a tracker annotation of its own (or from a superclass). */
  static boolean annotated(Class<?> testClass) {
    return AnnotationSupport.isAnnotated(testClass, TrackerDaemonTest.class)
        || AnnotationSupport.isAnnotated(testClass, TrackerTest.class);
  }

  /**
   * A path attribute: empty for the default (null), else a relative path that stays inside the
   * workspace once normalized.
   */
  private static @Nullable Path path(
      Class<?> testClass, String annotation, String attribute, String value) {
    if (value.isEmpty()) {
      return null;
    }
    String expected = "a relative path inside the workspace, like data/tracker.db";
    Path path;
    try {
      path = Path.of(value).normalize();
    } catch (InvalidPathException e) {
      throw invalid(testClass, annotation, attribute, value, expected);
    }
    if (path.isAbsolute()
        || path.toString().isEmpty()
        || path.startsWith("..")
        || path.getFileName() == null) {
      throw invalid(testClass, annotation, attribute, value, expected);
    }
    return path;
  }

  private static void checkDistinct(
      Class<?> testClass, String annotation, @Nullable Path database, @Nullable Path export) {
    Path databaseOrDefault = database == null ? DEFAULT_DATABASE : database;
    Path exportOrDefault = export == null ? DEFAULT_EXPORT : export;
    if (databaseOrDefault.equals(exportOrDefault)) {
      throw new ExtensionConfigurationException(
          annotation
              + " on "
              + testClass.getName()
              + ": the database and the JSONL file are both "
              + databaseOrDefault
              + "; give them different paths");
    }
  }

  private static void checkLeakCheck(
      Class<?> testClass, String annotation, boolean enabled, Optional<LeakCheck> leakCheck) {
    if (!enabled && leakCheck.isPresent()) {
      throw new ExtensionConfigurationException(
          testClass.getName()
              + " has "
              + annotation
              + "(leakCheck = false) and @LeakCheck: remove one of them");
    }
  }

  /**
   * The leak check's settings for a class: its {@link LeakCheck}'s linger and allowed threads, or
   * the defaults; whole-process unless JUnit may run classes in parallel.
   */
  static LeakSettings leakSettings(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    Optional<LeakCheck> annotation = AnnotationSupport.findAnnotation(testClass, LeakCheck.class);
    Duration linger = LeakSettings.DEFAULT_LINGER;
    List<String> allowed = List.of();
    if (annotation.isPresent()) {
      LeakCheck a = annotation.get();
      linger =
          Durations.parsePositive(a.linger())
              .orElseThrow(
                  () ->
                      invalid(
                          testClass,
                          "@LeakCheck",
                          "linger",
                          a.linger(),
                          "a positive duration like 500ms or 2s"));
      allowed = List.of(a.allowThreads());
      for (String regex : allowed) {
        try {
          Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          throw new ExtensionConfigurationException(
              "@LeakCheck(allowThreads) on "
                  + testClass.getName()
                  + ": '"
                  + regex
                  + "' is not a regular expression: "
                  + e.getDescription(),
              e);
        }
      }
    }
    return new LeakSettings(linger, LeakSettings.allowing(allowed), !parallel(context));
  }

  /** Whether JUnit may run this class at the same time as others. */
  static boolean parallel(ExtensionContext context) {
    boolean enabled =
        context.getConfigurationParameter(PARALLEL).map(Boolean::parseBoolean).orElse(false);
    if (!enabled) {
      return false;
    }
    String mode = context.getConfigurationParameter(MODE).orElse("same_thread");
    String classes = context.getConfigurationParameter(CLASSES_MODE).orElse(mode);
    return !mode.trim().equalsIgnoreCase("same_thread")
        || !classes.trim().equalsIgnoreCase("same_thread")
        || context.getExecutionMode() == ExecutionMode.CONCURRENT;
  }

  private static ExtensionConfigurationException invalid(
      Class<?> testClass, String annotation, String attribute, String value, String expected) {
    return new ExtensionConfigurationException(
        annotation
            + "("
            + attribute
            + " = \""
            + value
            + "\") on "
            + testClass.getName()
            + ": must be "
            + expected);
  }
}
