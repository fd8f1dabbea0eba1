package dev.tracker.benchmarks.soak;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tracker.benchmarks.Facts;
import dev.tracker.benchmarks.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * No false alarm: a suite of {@code classes} clean test classes run {@code runs} times in a row,
 * classes in parallel ({@code parallel} at a time), each run a new execution of the JUnit Platform
 * launcher with the leak check of the run at its end. The classes are generated subclasses of four
 * clean ones in turn: a daemon and its clients ({@link SoakCase}), an embedded service ({@link
 * CleanEmbeddedCase}), a daemon for each method ({@link CleanPerMethodCase}), and
 * {@code @LeakCheck} alone with a service, a file and a thread pool on {@code @TempDir}s, all
 * closed ({@link CleanStandaloneCase}). Any failure is a false alarm: it is printed, and counted.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tracker.benchmarks.soak.CleanSuite \
 *     [classes] [runs] [parallel]
 * </pre>
 *
 * <p>Exits with 1 when any run had a failure.
 */
public final class CleanSuite {

  private CleanSuite() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    List<Class<?>> bases =
        List.of(
            SoakCase.class,
            CleanEmbeddedCase.class,
            CleanPerMethodCase.class,
            CleanStandaloneCase.class);
    int falseAlarms = 0;
    int tests = 0;
    long start = System.nanoTime();
    try (Workspace scratch = Workspace.create("clean-suite-classes");
        GeneratedClasses generated =
            GeneratedClasses.compile(bases, "Clean", count, scratch.root());
        LauncherSession session = LauncherFactory.openSession()) {
      List<ClassSelector> selectors = new ArrayList<>();
      generated.classes().forEach(type -> selectors.add(selectClass(type)));
      for (int run = 1; run <= runs; run++) {
        long runStart = System.nanoTime();
        Listener listener = new Listener();
        session
            .getLauncher()
            .execute(
                LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter(
                        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .configurationParameter(
                        "junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .configurationParameter(
                        "junit.jupiter.execution.parallel.config.fixed.parallelism",
                        Integer.toString(parallel))
                    .configurationParameter(
                        "junit.jupiter.execution.parallel.config.executor-service",
                        "FORK_JOIN_POOL")
                    .build(),
                listener);
        if (listener.classes.get() != count) {
          throw new IllegalStateException(
              "Run " + run + " ran " + listener.classes.get() + " classes of " + count);
        }
        falseAlarms += listener.failures.get();
        tests += listener.tests.get();
        System.out.printf(
            Locale.ROOT,
            "run %2d: %d classes, %d tests, %d failure(s), %.1f s%n",
            run,
            listener.classes.get(),
            listener.tests.get(),
            listener.failures.get(),
            (System.nanoTime() - runStart) / 1e9);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%n%d runs of %d clean classes (%d tests), %d at a time: %d false alarm(s) (target 0: %s);"
            + " %.0f s%n",
        runs,
        count,
        tests,
        parallel,
        falseAlarms,
        falseAlarms == 0 ? "met" : "missed",
        seconds);
    Facts.record("clean.runs", runs);
    Facts.record("clean.classes", count);
    Facts.record("clean.parallel", parallel);
    Facts.record("clean.false_alarms", falseAlarms);
    Facts.record("clean.seconds", String.format(Locale.ROOT, "%.0f", seconds));
    if (falseAlarms > 0) {
      System.exit(1);
    }
  }

  /** Counts classes, tests and failures of one run, and prints each failure. */
  private static final class Listener implements TestExecutionListener {
    final AtomicInteger classes = new AtomicInteger();
    final AtomicInteger tests = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (test.isTest()) {
        tests.incrementAndGet();
      }
      if (test.getSource().orElse(null) instanceof ClassSource) {
        classes.incrementAndGet();
      }
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        failures.incrementAndGet();
        System.out.println(
            "FAILED "
                + test.getDisplayName()
                + ": "
                + result.getThrowable().map(Throwable::toString).orElse("?"));
      }
    }
  }
}
