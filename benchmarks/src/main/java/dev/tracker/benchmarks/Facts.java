package dev.tracker.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Facts a benchmark checks besides time (bytes an export wrote, how many issues a query returned),
 * appended as {@code key=value} lines to {@code $TRACKER_BENCH_FACTS} (default {@code
 * bench-facts.properties} in the working directory), which JMH's forks inherit through the
 * environment. {@code Report} prints them beside the timings.
 */
public final class Facts {

  private Facts() {}

  /** Records a fact and prints it. */
  public static synchronized void record(String key, Object value) {
    String line = key + "=" + value;
    System.out.println("fact: " + line);
    String configured = System.getenv("TRACKER_BENCH_FACTS");
    Path file = Path.of(configured == null ? "bench-facts.properties" : configured);
    try {
      Files.write(
          file,
          List.of(line),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Bytes this process has handed to {@code write(2)} and its kind so far ({@code wchar} in {@code
   * /proc/self/io}): files, sockets and pipes alike.
   */
  public static long bytesWritten() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
        if (line.startsWith("wchar:")) {
          return Long.parseLong(line.substring("wchar:".length()).strip());
        }
      }
      throw new IllegalStateException("No wchar in /proc/self/io");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
