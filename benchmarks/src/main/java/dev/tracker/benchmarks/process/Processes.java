package dev.tracker.benchmarks.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands and times them. */
final class Processes {

  private Processes() {}

  /** The {@code java} of the JVM running now. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java <options> -jar <jar> <args>}. */
  static List<String> javaJar(Path jar, List<String> options, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(options);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(Arrays.asList(args));
    return command;
  }

  /** Runs a command to its end, output discarded; returns the wall time in nanoseconds. */
  static long time(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("Timed out: " + command);
    }
    long elapsed = System.nanoTime() - start;
    if (process.exitValue() != 0) {
      throw new IllegalStateException("Exit " + process.exitValue() + ": " + command);
    }
    return elapsed;
  }

  /** Runs a command to its end and returns its standard output; fails on a non-zero exit. */
  static String run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("Timed out: " + command);
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("Exit " + process.exitValue() + ": " + command + "\n" + text);
    }
    return text;
  }

  /** Percentile (0..100) of sorted values, nearest rank. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
