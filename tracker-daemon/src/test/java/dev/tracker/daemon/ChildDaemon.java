package dev.tracker.daemon;

import static org.awaitility.Awaitility.await;

import dev.tracker.daemon.cli.DaemonMain;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@link DaemonMain} in a child JVM, with this JVM's class path and module path as its class path:
 * a daemon of another process, for what one process cannot show about OS file locks.
 */
final class ChildDaemon {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** What DaemonMain prints once it serves (not "A daemon already serves", its refusal). */
  private static final Pattern SERVING = Pattern.compile("daemon \\(pid \\d+\\) serves ");

  /** How a child's start attempt ended: its exit code (null if it still serves) and its output. */
  record Attempt(@Nullable Integer exitCode, String output) {}

  private ChildDaemon() {}

  /**
   * Starts a daemon for the workspace in a child JVM and waits until it has exited or says it
   * serves; a child that serves is then killed and reported with a null exit code.
   */
  static Attempt tryStart(Path workspace, Path scratch) throws IOException, InterruptedException {
    Path output = Files.createTempFile(scratch, "child-daemon", ".txt");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-XX:TieredStopAtLevel=1"); // the C1 compiler alone: it lives for a moment
    command.add("-Duser.language=en");
    command.add("-cp");
    command.add(classPath());
    command.add(DaemonMain.class.getName());
    command.add(workspace.toString());
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      await("the child daemon exits or serves")
          .atMost(PATIENCE)
          .until(() -> !child.isAlive() || SERVING.matcher(Files.readString(output)).find());
      if (child.isAlive()) {
        return new Attempt(null, Files.readString(output));
      }
      return new Attempt(child.exitValue(), Files.readString(output));
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly();
        child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }

  private static String classPath() {
    List<String> entries = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
