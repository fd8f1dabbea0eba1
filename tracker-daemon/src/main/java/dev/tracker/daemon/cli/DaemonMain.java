package dev.tracker.daemon.cli;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.Version;
import dev.tracker.daemon.TrackerDaemon;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The main of a daemon process: {@code tracker daemon start} runs it detached, {@code --foreground}
 * in the launcher's own process. It serves until the {@code stop} method or SIGTERM/SIGINT, then
 * shuts down in order and returns.
 */
public final class DaemonMain {

  private DaemonMain() {}

  /** Serves the workspace given as the only argument; exits 1 when it cannot start. */
  public static void main(String[] args) {
    // daemon.log records what the daemon does
    Main.quietLogging("info");
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    try {
      serve(Path.of(args[0]).toAbsolutePath().normalize(), out);
    } catch (RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Starts a daemon for the workspace and returns once it has stopped. */
  static void serve(Path workspace, PrintWriter out) {
    TrackerDaemon daemon = new TrackerDaemon(TrackerConfig.load(workspace)).start();
    // SIGTERM and SIGINT run the same ordered shutdown as the stop method
    Thread hook = new Thread(daemon::close, daemon.threadNamePrefix() + "-signal");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(
        "tracker "
            + Version.current()
            + " daemon (pid "
            + daemon.pid()
            + ") serves "
            + workspace
            + " on "
            + daemon.socket());
    while (!daemon.awaitTermination(Duration.ofHours(1))) {
      // serving; awaitTermination returns early once a stop was asked for
    }
    daemon.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already running the hook, which closes the daemon too
    }
    out.println("tracker daemon (pid " + daemon.pid() + ") stopped");
  }
}
