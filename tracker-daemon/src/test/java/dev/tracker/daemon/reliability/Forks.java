package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The packaged launcher, {@code java -jar target/tracker.jar}, in processes of its own: what the
 * ITs of this suite start, kill and wait for. The environment's {@code TRACKER_*} variables are
 * removed, so the machine's settings do not reach the workspace.
 */
final class Forks {

  /** How long any one process may take to do what a test waits for. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static final Path JAR = Path.of("target/tracker.jar").toAbsolutePath();

  /** The compiled test classes: programs a test runs in a process of its own are among them. */
  static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();

  private Forks() {}

  /** What one run of the launcher printed and returned. */
  record Run(int exitCode, String out, String err) {}

  static String java() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * Options of the forked launchers' JVMs that make them start sooner; what the launcher does is
   * the same. The C1 compiler alone (the forks are short, or killed), and a class data sharing
   * archive of the classes a launcher loads, made once from {@code tracker.jar} ({@link
   * #archive()}). The JVM's messages about the archive are turned off: they would go to standard
   * output, which the tests read.
   */
  static List<String> jvmOptions() {
    List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Xlog:cds*=off"));
    archive().ifPresent(archive -> options.add("-XX:SharedArchiveFile=" + archive));
    return options;
  }

  /**
   * {@code target/tracker-launcher.jsa}: the classes {@code tracker --no-daemon list} loads (the
   * launcher, the database, the migrations), dumped by a run of the launcher when the archive is
   * missing or older than the jar. Halves the start of a forked launcher (2.9 s to 1.5 s on a busy
   * machine of 2 cores). Empty when it cannot be made: the forks then start without it.
   */
  static synchronized Optional<Path> archive() {
    if (archive == null) {
      archive = makeArchive();
    }
    return archive;
  }

  private static @Nullable Optional<Path> archive;

  private static Optional<Path> makeArchive() {
    Path file = JAR.resolveSibling("tracker-launcher.jsa");
    try {
      if (Files.exists(file)
          && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(JAR)) > 0) {
        return Optional.of(file);
      }
      Path made = JAR.resolveSibling("tracker-launcher.jsa." + ProcessHandle.current().pid());
      Path workspace = Files.createTempDirectory("tracker-archive-");
      try {
        Process dump =
            builder(
                    List.of(
                        java(),
                        "-XX:ArchiveClassesAtExit=" + made,
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        JAR.toString(),
                        "-C",
                        workspace.toString(),
                        "--no-daemon",
                        "list"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        awaitExit(dump);
        if (dump.exitValue() != 0 || !Files.exists(made)) {
          return Optional.empty();
        }
        Files.move(made, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(file);
      } finally {
        Files.deleteIfExists(made);
        deleteTree(workspace);
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** {@code java -jar tracker.jar -C <workspace> <args>}. */
  static List<String> tracker(Path workspace, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions());
    command.add("-Duser.language=en");
    command.add("-jar");
    command.add(JAR.toString());
    command.add("-C");
    command.add(workspace.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** A process builder with the machine's tracker settings removed from its environment. */
  static ProcessBuilder builder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("TRACKER_"));
    return builder;
  }

  /** Runs the launcher to its end; its output goes through files in {@code scratch}. */
  static Run run(Path scratch, Path workspace, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    Process process =
        builder(tracker(workspace, args))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    awaitExit(process);
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Waits for a process to end, failing the test (and killing it) past the patience. */
  static void awaitExit(Process process) throws InterruptedException {
    if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process " + process.pid() + " did not end within " + PATIENCE);
    }
  }

  /** kill -9: SIGKILL, then wait until the process is gone. */
  static void kill9(ProcessHandle process) throws InterruptedException {
    process.destroyForcibly();
    try {
      process.onExit().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("process " + process.pid() + " survived SIGKILL", e);
    }
    assertThat(process.isAlive()).isFalse();
  }
}
