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
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The leak soak: {@code classes} test classes ({@link SoakCase}, each a generated subclass of its
 * own, so a daemon of its own through {@code @TrackerDaemonTest}) in this JVM, in one execution of
 * the JUnit Platform launcher over one class selector each, one class at a time. Before the first
 * class and after every {@code every} classes it takes a {@link Sample}; it writes them to {@code
 * soak.csv}, draws {@code soak.png} and prints the change from class {@code every} to the last.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tracker.benchmarks.soak.Soak docs [classes] [every]
 * </pre>
 */
public final class Soak {

  private Soak() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "docs");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int every = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    List<Sample> samples;
    try (Workspace scratch = Workspace.create("soak-classes");
        GeneratedClasses generated = GeneratedClasses.compile(count, scratch.root())) {
      samples = run(generated.classes(), every);
    }
    write(samples, output, count, every);
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
        Set<String> threads = threadNames();
        if (classes == every) {
          threadsBefore.addAll(threads);
        } else if (!threads.equals(threadsBefore)) {
          Set<String> added = new TreeSet<>(threads);
          added.removeAll(threadsBefore);
          Set<String> gone = new TreeSet<>(threadsBefore);
          gone.removeAll(threads);
          System.out.println("  threads since class " + every + ": +" + added + " -" + gone);
        }
      }
    }
  }

  private static Set<String> threadNames() {
    Set<String> names = new TreeSet<>();
    Thread.getAllStackTraces().keySet().forEach(thread -> names.add(thread.getName()));
    names.remove(Sample.JDK_PROCESS_REAPER);
    return names;
  }

  private static void write(List<Sample> samples, Path output, int count, int every)
      throws IOException {
    Files.createDirectories(output);
    List<String> lines = new ArrayList<>();
    lines.add(Sample.HEADER);
    samples.forEach(sample -> lines.add(sample.csv()));
    Path csv = output.resolve("soak.csv");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    Sample first = samples.stream().filter(s -> s.classes() == every).findFirst().orElseThrow();
    Sample last = samples.get(samples.size() - 1);
    int threads = last.threads() - first.threads();
    int fds = last.fds() - first.fds();
    double heap = (last.heapBytes() - first.heapBytes()) / 1048576.0;
    Plot.draw(
        samples,
        String.format(
            Locale.ROOT,
            "Leak soak: %d classes, a daemon each (%s, %s, Java %s)",
            count,
            LocalDate.now(ZoneOffset.UTC),
            System.getProperty("os.name"),
            System.getProperty("java.version")),
        output.resolve("soak.png"));
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
    System.out.println("Wrote " + csv + " and " + output.resolve("soak.png"));
    Facts.record("soak.classes", last.classes());
    Facts.record("soak.from", first.classes());
    Facts.record("soak.threads", threads);
    Facts.record("soak.fds", fds);
    Facts.record("soak.heap_mb", String.format(Locale.ROOT, "%.2f", heap));
    Facts.record("soak.failed", last.failed());
    Facts.record("soak.seconds", String.format(Locale.ROOT, "%.0f", last.elapsedSeconds()));
  }
}
