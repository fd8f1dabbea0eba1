package dev.tracker.benchmarks.soak;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tracker.benchmarks.Facts;
import dev.tracker.benchmarks.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The leak soak: {@code classes} test classes ({@link SoakCase}, each a generated subclass of its
 * own, so a daemon of its own through {@code @TrackerDaemonTest}) in this JVM, through the JUnit
 * Platform launcher. Before the first class and after every {@code every} classes it takes a {@link
 * Sample}; it writes them to a CSV, draws a PNG and prints the change from class {@code every} to
 * the last.
 *
 * <p>One at a time ({@code parallel} 1, the default), the classes run in one execution of the
 * launcher and are sampled as they finish: {@code soak.csv}, {@code soak.png}. With classes in
 * parallel ({@code parallel} 4: JUnit's parallel execution, four classes at a time), a sample taken
 * while classes finish would count the daemons of the three still running; so the classes run in
 * executions of {@code every} classes each, in one launcher session, and each sample is taken
 * between two, once JUnit's worker threads of the execution before have ended: {@code
 * soak-parallel.csv}, {@code soak-parallel.png}. With {@code check} {@code off} the classes are
 * {@link UncheckedSoakCase}s, the same work without the leak check: the floor of the soak's time
 * ({@code soak-floor[-parallel].csv}, no plot).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tracker.benchmarks.soak.Soak \
 *     docs [classes] [every] [parallel] [check]
 * </pre>
 */
public final class Soak {

  private static final String JUNIT_EXECUTORS = "org.junit.platform.engine.support.hierarchical.";

  private Soak() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "docs");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int every = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int parallel = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    boolean checked = args.length <= 4 || !args[4].equals("off");
    String name = (checked ? "soak" : "soak-floor") + (parallel > 1 ? "-parallel" : "");
    List<Sample> samples;
    try (Workspace scratch = Workspace.create("soak-classes");
        GeneratedClasses generated =
            GeneratedClasses.compile(
                List.of(checked ? SoakCase.class : UncheckedSoakCase.class),
                "Soak",
                count,
                scratch.root())) {
      samples =
          parallel > 1
              ? runInParallel(generated.classes(), every, parallel)
              : run(generated.classes(), every);
    }
    write(samples, output, name, count, every, parallel, checked);
  }

  private static List<Sample> run(List<Class<?>> classes, int every) {
    List<ClassSelector> selectors = new ArrayList<>();
    classes.forEach(type -> selectors.add(selectClass(type)));
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectors)
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
            .build();
    Launcher launcher = LauncherFactory.create();
    TestPlan plan = launcher.discover(request);
    List<Sample> samples = new ArrayList<>();
    long start = System.nanoTime();
    samples.add(Sample.take(0, start, 0));
    System.out.println(Sample.HEADER);
    System.out.println(samples.get(0).csv());
    Counter counter = new Counter(every, start, samples);
    launcher.execute(plan, counter);
    if (counter.classes != classes.size()) {
      throw new IllegalStateException(
          "Ran " + counter.classes + " classes of " + classes.size() + ": see the output above");
    }
    return samples;
  }

  /**
   * The classes in executions of {@code every} classes, {@code parallel} at a time in each, in one
   * launcher session; a sample after each execution, once JUnit's workers of it have ended.
   */
  private static List<Sample> runInParallel(List<Class<?>> classes, int every, int parallel)
      throws InterruptedException {
    List<Sample> samples = new ArrayList<>();
    long start = System.nanoTime();
    samples.add(Sample.take(0, start, 0));
    System.out.println(Sample.HEADER);
    System.out.println(samples.get(0).csv());
    // the counter samples by itself only at a multiple of a count it never reaches
    Counter counter = new Counter(Integer.MAX_VALUE, start, samples);
    try (LauncherSession session = LauncherFactory.openSession()) {
      for (int from = 0; from < classes.size(); from += every) {
        List<ClassSelector> selectors = new ArrayList<>();
        classes
            .subList(from, Math.min(classes.size(), from + every))
            .forEach(type -> selectors.add(selectClass(type)));
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
                counter);
        awaitJUnitWorkers();
        Sample sample = Sample.take(counter.classes, start, counter.failed);
        samples.add(sample);
        System.out.println(sample.csv());
        counter.compareThreads(counter.classes == every);
      }
    }
    if (counter.classes != classes.size()) {
      throw new IllegalStateException(
          "Ran " + counter.classes + " classes of " + classes.size() + ": see the output above");
    }
    return samples;
  }

  /** Waits for the workers of JUnit's parallel execution, which end after it, to have ended. */
  private static void awaitJUnitWorkers() throws InterruptedException {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getClass().getName().startsWith(JUNIT_EXECUTORS)) {
        thread.join(TimeUnit.MINUTES.toMillis(1));
        if (thread.isAlive()) {
          throw new IllegalStateException(thread.getName() + " did not end within a minute");
        }
      }
    }
  }

  /** Counts finished classes and samples every {@code every}. */
  private static final class Counter implements TestExecutionListener {
    private final int every;
    private final long start;
    private final List<Sample> samples;
    private final Set<String> threadsBefore = new TreeSet<>();
    int classes;
    int failed;

    Counter(int every, long start, List<Sample> samples) {
      this.every = every;
      this.start = start;
      this.samples = samples;
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        System.out.println(
            "FAILED "
                + test.getDisplayName()
                + ": "
                + result.getThrowable().map(Throwable::toString).orElse("?"));
      }
      if (test.getParentIdObject().isEmpty()
          && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        failed++; // the run failed: the leak check of the run, at its end
      }
      if (!(test.getSource().orElse(null) instanceof ClassSource)) {
        return;
      }
      classes++;
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        failed++;
      }
      if (classes % every == 0) {
        Sample sample = Sample.take(classes, start, failed);
        samples.add(sample);
        System.out.println(sample.csv());
        compareThreads(classes == every);
      }
    }

    /** Remembers the threads at the first sample, and prints how later ones differ. */
    void compareThreads(boolean first) {
      Set<String> threads = threadNames();
      if (first) {
        threadsBefore.addAll(threads);
      } else if (!threads.equals(threadsBefore)) {
        Set<String> added = new TreeSet<>(threads);
        added.removeAll(threadsBefore);
        Set<String> gone = new TreeSet<>(threadsBefore);
        gone.removeAll(threads);
        System.out.println("  threads since the first sample: +" + added + " -" + gone);
      }
    }
  }

  private static Set<String> threadNames() {
    Set<String> names = new TreeSet<>();
    Thread.getAllStackTraces().keySet().forEach(thread -> names.add(thread.getName()));
    names.remove(Sample.JDK_PROCESS_REAPER);
    return names;
  }

  private static void write(
      List<Sample> samples,
      Path output,
      String name,
      int count,
      int every,
      int parallel,
      boolean checked)
      throws IOException {
    Files.createDirectories(output);
    List<String> lines = new ArrayList<>();
    lines.add(Sample.HEADER);
    samples.forEach(sample -> lines.add(sample.csv()));
    Path csv = output.resolve(name + ".csv");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    Sample first = samples.stream().filter(s -> s.classes() == every).findFirst().orElseThrow();
    Sample last = samples.get(samples.size() - 1);
    int threads = last.threads() - first.threads();
    int fds = last.fds() - first.fds();
    double heap = (last.heapBytes() - first.heapBytes()) / 1048576.0;
    Path png = output.resolve(name + ".png");
    if (checked) {
      Plot.draw(
          samples,
          String.format(
              Locale.ROOT,
              "Leak soak: %d classes, a daemon each, %s (%s, %s, Java %s)",
              count,
              parallel > 1 ? parallel + " at a time" : "one at a time",
              LocalDate.now(ZoneOffset.UTC),
              System.getProperty("os.name"),
              System.getProperty("java.version")),
          png);
    }
    System.out.printf(
        Locale.ROOT,
        "%nFrom class %d to class %d: threads %+d (target 0: %s), file descriptors %+d (target 0:"
            + " %s), heap after GC %+.2f MB (target <= 1 MB: %s); %d classes failed; %.0f s%n",
        first.classes(),
        last.classes(),
        threads,
        threads == 0 ? "met" : "missed",
        fds,
        fds == 0 ? "met" : "missed",
        heap,
        heap <= 1.0 ? "met" : "missed",
        last.failed(),
        last.elapsedSeconds());
    System.out.println("Wrote " + csv + (checked ? " and " + png : ""));
    String key = name.replace('-', '.');
    Facts.record(key + ".classes", last.classes());
    Facts.record(key + ".from", first.classes());
    Facts.record(key + ".threads", threads);
    Facts.record(key + ".fds", fds);
    Facts.record(key + ".heap_mb", String.format(Locale.ROOT, "%.2f", heap));
    Facts.record(key + ".failed", last.failed());
    Facts.record(key + ".seconds", String.format(Locale.ROOT, "%.1f", last.elapsedSeconds()));
  }
}
