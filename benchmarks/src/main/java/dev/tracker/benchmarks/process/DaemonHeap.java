package dev.tracker.benchmarks.process;

import dev.tracker.benchmarks.Dataset;
import dev.tracker.benchmarks.Facts;
import dev.tracker.benchmarks.Seed;
import dev.tracker.benchmarks.Workspace;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.TrackerService;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The daemon's heap with 10K issues: a daemon process started as {@code tracker daemon start}
 * starts it ({@code java -cp tracker.jar ...DaemonMain <workspace>}) but with {@code -Xmx<n>m}, on
 * a workspace of 10,000 issues, then driven through a client: every issue listed, ready, blocked, a
 * search, 100 creates, updates and closes, an export, three rounds. Then a full GC in the daemon
 * ({@code jcmd GC.run}) and its heap after it ({@code GC.heap_info}) and resident set ({@code
 * VmRSS}); a daemon that ran out of memory fails the run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tracker.benchmarks.process.DaemonHeap \
 *     tracker-daemon/target/tracker.jar [heap-mb...]
 * </pre>
 */
public final class DaemonHeap {

  private static final Pattern USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private DaemonHeap() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    List<Integer> heaps = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      heaps.add(Integer.parseInt(args[i]));
    }
    if (heaps.isEmpty()) {
      heaps = List.of(64);
    }
    for (int heap : heaps) {
      try {
        measure(jar, heap);
      } catch (RuntimeException e) {
        // a daemon that cannot run in this heap is a finding, not the end of the run
        System.out.printf(Locale.ROOT, "-Xmx%dm: failed: %s%n", heap, e.getMessage());
        Facts.record("heap.xmx" + heap + ".ran", false);
        Facts.record("heap.xmx" + heap + ".used_mb", "n/a");
        Facts.record("heap.xmx" + heap + ".rss_mb", "n/a");
      }
    }
  }

  private static void measure(Path jar, int heapMb) throws Exception {
    try (Workspace workspace = Workspace.create("heap")) {
      Path root = workspace.root();
      Seed.seed(root, 10_000);
      Path log = root.resolve("daemon-out.log");
      Process daemon =
          new ProcessBuilder(
                  Processes.java(),
                  "-Xmx" + heapMb + "m",
                  "-cp",
                  jar.toString(),
                  "dev.tracker.daemon.cli.DaemonMain",
                  root.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      try {
        Path socket = root.resolve(".tracker").resolve("daemon.sock");
        awaitServing(daemon, log);
        int calls = 0;
        try (TrackerService tracker = TrackerService.connect(root, socket)) {
          for (int round = 0; round < 3; round++) {
            calls += work(tracker, round);
          }
        } catch (RuntimeException e) {
          // what the daemon said about it: the errors in its output
          String said =
              Files.readString(log, StandardCharsets.UTF_8)
                  .lines()
                  .filter(line -> line.contains("Error") || line.contains("Exception"))
                  .limit(5)
                  .collect(Collectors.joining(" | "));
          throw new IllegalStateException(e.getMessage() + " The daemon said: " + said, e);
        }
        String info = jcmd(daemon.pid(), "GC.run") + jcmd(daemon.pid(), "GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
          throw new IllegalStateException("No heap figure in:\n" + info);
        }
        long usedKb = Long.parseLong(used.group(2));
        long rssKb = rss(daemon.pid());
        String output = Files.readString(log, StandardCharsets.UTF_8);
        boolean outOfMemory = output.contains("OutOfMemoryError");
        System.out.printf(
            Locale.ROOT,
            "-Xmx%dm: %d calls served, heap after full GC %.1f MB, RSS %.1f MB, %s%n",
            heapMb,
            calls,
            usedKb / 1024.0,
            rssKb / 1024.0,
            outOfMemory ? "OUT OF MEMORY" : "no OutOfMemoryError");
        String key = "heap.xmx" + heapMb;
        Facts.record(key + ".used_mb", String.format(Locale.ROOT, "%.1f", usedKb / 1024.0));
        Facts.record(key + ".rss_mb", String.format(Locale.ROOT, "%.1f", rssKb / 1024.0));
        Facts.record(key + ".ran", !outOfMemory && daemon.isAlive());
        Facts.record(key + ".heap_info", info.replaceAll("\\s+", " ").strip());
      } finally {
        daemon.destroy();
        if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      }
    }
  }

  /** One round of what an agent and its tools ask a daemon. */
  private static int work(TrackerService tracker, int round) {
    int calls = 0;
    List<Issue> all = tracker.list();
    calls++;
    if (all.size() < 5_000) {
      throw new IllegalStateException("Only " + all.size() + " issues listed");
    }
    tracker.ready();
    tracker.blocked();
    tracker.list(IssueFilter.builder().text(Dataset.SEARCH_TERM).build());
    tracker.stats();
    calls += 4;
    for (int i = 0; i < 100; i++) {
      Issue created = tracker.create(NewIssue.of("Heap round " + round + " issue " + i));
      tracker.update(created.id(), IssueUpdate.builder().priority(1).build());
      tracker.close(created.id(), "done");
      calls += 3;
    }
    tracker.exportJsonl();
    return calls + 1;
  }

  private static void awaitServing(Process daemon, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    // woken by the daemon's writes to its log; at least once a second to see a silent exit
    try (WatchService watch = log.getFileSystem().newWatchService()) {
      Objects.requireNonNull(log.getParent())
          .register(
              watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      while (System.nanoTime() < deadline) {
        if (Files.exists(log) && Files.readString(log).contains(") serves ")) {
          return;
        }
        if (!daemon.isAlive()) {
          throw new IllegalStateException("The daemon exited:\n" + Files.readString(log));
        }
        WatchKey key = watch.poll(1, TimeUnit.SECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
    throw new IllegalStateException("The daemon did not start:\n" + Files.readString(log));
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    return Processes.run(List.of(jcmd.toString(), Long.toString(pid), command));
  }

  private static long rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
