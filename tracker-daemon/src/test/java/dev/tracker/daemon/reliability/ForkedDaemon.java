package dev.tracker.daemon.reliability;

import static org.awaitility.Awaitility.await;

import dev.tracker.core.internal.protocol.DaemonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A daemon in a process of its own: {@code tracker daemon start --foreground}, the launcher serving
 * in its own JVM, so that the process a test kills is the daemon's. Closing it stops a daemon still
 * running (SIGTERM, then SIGKILL) and waits for its exit.
 */
final class ForkedDaemon implements AutoCloseable {

  /** What DaemonMain prints once it serves. */
  private static final Pattern SERVING = Pattern.compile("daemon \\(pid \\d+\\) serves ");

  private final Process process;
  private final Path workspace;
  private final Path output;

  private ForkedDaemon(Process process, Path workspace, Path output) {
    this.process = process;
    this.workspace = workspace;
    this.output = output;
  }

  /**
   * Starts a daemon for the workspace and returns once it serves.
   *
   * @throws AssertionError with the process's output if it exits instead
   */
  static ForkedDaemon start(Path workspace, Path scratch) throws IOException {
    return start(workspace, scratch, List.of(), Map.of());
  }

  /**
   * Starts a daemon for the workspace with more options for its JVM and variables for its
   * environment, and returns once it serves.
   */
  static ForkedDaemon start(
      Path workspace, Path scratch, List<String> jvmOptions, Map<String, String> environment)
      throws IOException {
    // a workspace is a directory with .tracker/: the launcher makes none outside init
    Files.createDirectories(workspace.resolve(".tracker"));
    Path output = Files.createTempFile(scratch, "daemon", ".txt");
    List<String> command =
        new ArrayList<>(Forks.tracker(workspace, "daemon", "start", "--foreground"));
    command.addAll(1, jvmOptions);
    ProcessBuilder builder = Forks.builder(command);
    builder.environment().putAll(environment);
    Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
    ForkedDaemon daemon = new ForkedDaemon(process, workspace, output);
    await("the forked daemon serves or exits")
        .atMost(Forks.PATIENCE)
        .until(() -> !process.isAlive() || SERVING.matcher(Files.readString(output)).find());
    if (!process.isAlive()) {
      throw new AssertionError(
          "the daemon exited with "
              + process.exitValue()
              + " instead of serving:\n"
              + Files.readString(output));
    }
    return daemon;
  }

  long pid() {
    return process.pid();
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** The socket its {@code daemon.lock} names. */
  Path socket() {
    return DaemonFiles.Lock.read(workspace.resolve(".tracker")).orElseThrow().socket();
  }

  String output() throws IOException {
    return Files.readString(output);
  }

  /** kill -9, and wait until it is gone. */
  void kill9() throws InterruptedException {
    Forks.kill9(process.toHandle());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(Forks.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
          Forks.kill9(process.toHandle());
        }
      } catch (InterruptedException e) {
        // the test is being stopped: still leave no daemon behind, but do not wait for it
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
