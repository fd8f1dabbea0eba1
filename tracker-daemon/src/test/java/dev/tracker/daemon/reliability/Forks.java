package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.daemon.LauncherJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

  /** Options of the forked launchers' JVMs that make them start sooner: {@link LauncherJvm}. */
  static List<String> jvmOptions() {
    return LauncherJvm.options();
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

  /**
   * What a test leaves running, ended: kill -9 of every daemon process serving the workspace. No
   * launcher is forked for it (a {@code tracker daemon stop} costs a JVM's start, and finds nothing
   * after most tests); the files a killed daemon leaves go with the test's temporary directory.
   */
  static void killDaemonsOf(Path workspace) throws InterruptedException {
    for (ProcessHandle daemon : SimultaneousStartIT.daemonsOf(workspace)) {
      kill9(daemon);
    }
  }
}
