package dev.tracker.benchmarks.process;

import dev.tracker.benchmarks.Facts;
import dev.tracker.benchmarks.Seed;
import dev.tracker.benchmarks.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code tracker list} against a running daemon, wall time from starting the JVM to its exit,
 * output discarded, beside the floor ({@link RawList}: a JVM that sends the same request and copies
 * the answer). Variants: the plain JVM; with an AppCDS archive of the launcher's classes (made once
 * by a run with {@code -XX:ArchiveClassesAtExit}); and that archive with C1 only ({@code
 * -XX:TieredStopAtLevel=1}). Runs are interleaved across variants so that noise hits them alike.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tracker.benchmarks.process.ListTiming \
 *     tracker-daemon/target/tracker.jar [runs] [issues...]
 * </pre>
 */
public final class ListTiming {

  private ListTiming() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(10, 10_000);
    }
    Path benchmarksJar =
        Path.of(ListTiming.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    for (int size : sizes) {
      measure(jar, benchmarksJar, runs, size);
    }
  }

  private static void measure(Path jar, Path benchmarksJar, int runs, int size) throws Exception {
    try (Workspace workspace = Workspace.create("list")) {
      Path root = workspace.root();
      Seed.seed(root, size);
      Path socket = root.resolve(".tracker").resolve("daemon.sock");
      Path archive = root.resolve("tracker-list.jsa");
      Processes.run(Processes.javaJar(jar, List.of(), "-C", root.toString(), "daemon", "start"));
      try {
        Processes.run(
            Processes.javaJar(
                jar,
                List.of("-XX:ArchiveClassesAtExit=" + archive),
                "-C",
                root.toString(),
                "list"));
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put(
            "tracker list", Processes.javaJar(jar, List.of(), "-C", root.toString(), "list"));
        variants.put(
            "tracker list, AppCDS",
            Processes.javaJar(
                jar, List.of("-XX:SharedArchiveFile=" + archive), "-C", root.toString(), "list"));
        variants.put(
            "tracker list, AppCDS, C1",
            Processes.javaJar(
                jar,
                List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1"),
                "-C",
                root.toString(),
                "list"));
        variants.put(
            "floor: raw socket client JVM",
            List.of(
                Processes.java(),
                "-cp",
                benchmarksJar.toString(),
                RawList.class.getName(),
                socket.toString()));
        Map<String, double[]> times = new LinkedHashMap<>();
        variants.keySet().forEach(name -> times.put(name, new double[runs]));
        for (int round = -3; round < runs; round++) {
          for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
            double millis = Processes.time(variant.getValue()) / 1e6;
            if (round >= 0) {
              Objects.requireNonNull(times.get(variant.getKey()))[round] = millis;
            }
          }
        }
        System.out.printf(
            Locale.ROOT,
            "%n%d issues (%d bytes of issues.jsonl), %d runs each:%n",
            size,
            Files.size(root.resolve(".tracker").resolve("issues.jsonl")),
            runs);
        for (Map.Entry<String, double[]> entry : times.entrySet()) {
          double[] sorted = entry.getValue().clone();
          Arrays.sort(sorted);
          double mean = Arrays.stream(sorted).average().orElse(0);
          double p50 = Processes.percentile(sorted, 50);
          System.out.printf(
              Locale.ROOT,
              "  %-30s p50 %7.1f ms  mean %7.1f  min %7.1f  p90 %7.1f  max %7.1f%n",
              entry.getKey(),
              p50,
              mean,
              sorted[0],
              Processes.percentile(sorted, 90),
              sorted[sorted.length - 1]);
          String key = "list." + size + "." + entry.getKey().replaceAll("[^A-Za-z0-9]+", "_");
          Facts.record(key + ".p50_ms", String.format(Locale.ROOT, "%.1f", p50));
          Facts.record(key + ".mean_ms", String.format(Locale.ROOT, "%.1f", mean));
        }
      } finally {
        Processes.run(Processes.javaJar(jar, List.of(), "-C", root.toString(), "daemon", "stop"));
      }
    }
  }
}
