package dev.tracker.benchmarks.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One row of the soak's CSV: after {@code classes} classes, the live threads, the open file
 * descriptors ({@code /proc/self/fd}) and the heap in use after a full GC.
 *
 * <p>The JDK's {@code process reaper} is not counted: the JDK starts it for a child process (JGit
 * runs {@code git} once to find the system's configuration) and ends it after a minute idle, so it
 * comes and goes on the JDK's clock, not the product's.
 */
record Sample(
    int classes, double elapsedSeconds, int threads, int fds, long heapBytes, int failed) {

  static final String JDK_PROCESS_REAPER = "process reaper";

  static final String HEADER = "classes,elapsed_s,threads,fds,heap_after_gc_bytes,failed_classes";

  static Sample take(int classes, long startNanos, int failed) {
    // a few collections: what is reachable is what remains
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads =
        (int)
            Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().equals(JDK_PROCESS_REAPER))
                .count();
    return new Sample(
        classes, (System.nanoTime() - startNanos) / 1e9, threads, openFiles(), heap, failed);
  }

  static int openFiles() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      // the listing's own descriptor is in it
      return (int) fds.count() - 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String csv() {
    return String.format(
        Locale.ROOT,
        "%d,%.1f,%d,%d,%d,%d",
        classes,
        elapsedSeconds,
        threads,
        fds,
        heapBytes,
        failed);
  }
}
