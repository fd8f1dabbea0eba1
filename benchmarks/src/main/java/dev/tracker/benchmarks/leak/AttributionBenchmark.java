package dev.tracker.benchmarks.leak;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tracker.testkit.LeakCheck;
import dev.tracker.testkit.internal.leak.Attribution;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of pinning threads, services and connections on the class whose code created them.
 *
 * <p>The parts: {@link #enterAndLeave} is what each invocation of a test class's code pays (its
 * thread's context class loader swapped for the class's marker and back); {@link #newAttribution}
 * what each class pays to have one; {@link #ownerOfAThread} what the check pays to tell a thread's
 * class. {@link #threadStart} and {@link #markedThreadStart} start and join a thread without and
 * with a marker: a thread inherits its context class loader whatever it is, so marking costs a
 * thread nothing.
 *
 * <p>The whole check, through the launcher, classes in parallel mode: one class with one empty
 * test, and one with 100, with {@code @LeakCheck} and without. The check's cost per class is {@code
 * checkedClass - plainClass}; per test, {@code (checkedClass100 - plainClass100 - (checkedClass -
 * plainClass)) / 99}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class AttributionBenchmark {

  private Attribution attribution;
  private Thread marked;
  private Launcher launcher;

  @Setup(Level.Trial)
  @SuppressWarnings("try") // the resource gives the thread its context class loader back
  public void setUp() {
    attribution = new Attribution("AttributionBenchmark", null, true);
    try (Attribution.Entered entered = attribution.enter()) {
      marked = new Thread(() -> {}, "marked");
    }
    launcher = LauncherFactory.create();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    attribution.release();
  }

  @Benchmark
  @SuppressWarnings("try") // the resource gives the thread its context class loader back
  public ClassLoader enterAndLeave() {
    try (Attribution.Entered entered = attribution.enter()) {
      return Thread.currentThread().getContextClassLoader();
    }
  }

  @Benchmark
  @SuppressWarnings("try") // the resource gives the thread its context class loader back
  public void newAttribution(Blackhole hole) {
    Attribution created = new Attribution("AttributionBenchmark", null, true);
    try (Attribution.Entered entered = created.enter()) {
      hole.consume(Thread.currentThread().getContextClassLoader());
    }
    created.release();
  }

  @Benchmark
  public boolean ownerOfAThread() {
    return attribution.marks(marked);
  }

  @Benchmark
  public Thread threadStart() throws InterruptedException {
    Thread thread = new Thread(() -> {}, "plain");
    thread.start();
    thread.join();
    return thread;
  }

  @Benchmark
  @SuppressWarnings("try") // the resource gives the thread its context class loader back
  public Thread markedThreadStart() throws InterruptedException {
    Thread thread;
    try (Attribution.Entered entered = attribution.enter()) {
      thread = new Thread(() -> {}, "marked");
    }
    thread.start();
    thread.join();
    return thread;
  }

  // the whole check, through the launcher

  private long run(Class<?> type) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(type))
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .configurationParameter(
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
            .build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(request, summary);
    if (summary.getSummary().getTotalFailureCount() > 0) {
      IllegalStateException failed = new IllegalStateException(type.getSimpleName() + " failed");
      summary
          .getSummary()
          .getFailures()
          .forEach(failure -> failed.addSuppressed(failure.getException()));
      throw failed;
    }
    return summary.getSummary().getTestsSucceededCount();
  }

  @Benchmark
  public long plainClass() {
    return run(Plain.class);
  }

  @Benchmark
  public long checkedClass() {
    return run(Checked.class);
  }

  @Benchmark
  public long plainClass100() {
    return run(Plain100.class);
  }

  @Benchmark
  public long checkedClass100() {
    return run(Checked100.class);
  }

  /** One empty test. */
  public static class Plain {
    @Test
    void test() {}
  }

  /** One empty test, checked. */
  @LeakCheck
  public static class Checked {
    @Test
    void test() {}
  }

  /** 100 empty tests. */
  public static class Plain100 {
    @RepeatedTest(100)
    void test() {}
  }

  /** 100 empty tests, checked. */
  @LeakCheck
  public static class Checked100 {
    @RepeatedTest(100)
    void test() {}
  }
}
