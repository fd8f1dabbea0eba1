package dev.tracker.daemon.cli;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerException;
import dev.tracker.core.internal.client.DaemonClient;
import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.core.internal.protocol.Method;
import dev.tracker.daemon.DaemonAlreadyRunningException;
import dev.tracker.daemon.internal.lock.DaemonLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tracker daemon start|stop|status}. */
@Command(
    name = "daemon",
    description = "The workspace's background daemon.",
    subcommands = {DaemonCommand.Start.class, DaemonCommand.Stop.class, DaemonCommand.Status.class})
final class DaemonCommand {

  /** How long a call to a running daemon (health, stop, status) may take. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /** How long start waits for the daemon to answer, and stop for it to let its lock go. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private DaemonCommand() {}

  /** What the daemon commands share: the workspace and a way to find its daemon. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec = CommandSpec.create();

    final TrackerCommand root() {
      return (TrackerCommand) spec.root().userObject();
    }

    final Path trackerDirectory() {
      return root().workspace().resolve(TrackerConfig.DIRECTORY);
    }

    /**
     * Whether a daemon serves the workspace: its lock is held. Not whether it answers: a daemon
     * that is busy, at its connection limit or shutting down still runs.
     */
    final boolean running() {
      return DaemonLock.isHeld(trackerDirectory());
    }

    /** What the running daemon wrote for clients; empty for a moment while it starts or stops. */
    final Optional<DaemonFiles.Lock> info() {
      return DaemonFiles.Lock.read(trackerDirectory());
    }

    final void notRunning() {
      spec.commandLine().getErr().println("No daemon serves " + root().workspace());
    }
  }

  @Command(name = "start", description = "Start the daemon; returns once it answers.")
  static final class Start extends Base {
    @Option(names = "--foreground", description = "Serve in this process until stopped.")
    boolean foreground;

    @Override
    public Integer call() {
      Path workspace = root().workspace();
      if (running()) {
        // daemon.lock is missing or a killed daemon's for a moment while one starts
        throw new DaemonAlreadyRunningException(
            workspace,
            DaemonLock.awaitHolder(trackerDirectory(), DaemonLock.HOLDER_PATIENCE).orElse(-1L));
      }
      if (foreground) {
        DaemonMain.serve(workspace, spec.commandLine().getOut());
        return 0;
      }
      DaemonFiles.Lock started = DaemonProcess.start(workspace, PATIENCE);
      root()
          .printer()
          .note("Daemon started (pid " + started.pid() + "), listening on " + started.socket());
      return 0;
    }
  }

  @Command(
      name = "stop",
      description = "Stop the daemon; returns once it has stopped serving and let its lock go.")
  static final class Stop extends Base {
    @Override
    public Integer call() {
      if (!running()) {
        notRunning();
        return 0;
      }
      // absent when the daemon is stopping already (it deletes the file before letting go), or
      // in the moment between taking its lock and writing the file at start: not asked then
      Optional<DaemonFiles.Lock> info = info();
      if (info.isPresent()) {
        try (DaemonClient client = new DaemonClient(info.get().socket(), PROBE_TIMEOUT, 1)) {
          // false: nothing accepts or the connection closed unanswered, as a daemon that is
          // shutting down does; whether it really stops, the wait for its lock tells
          client.stop();
        }
      }
      String pid = info.map(lock -> " (pid " + lock.pid() + ")").orElse("");
      // not the pid's exit: a daemon embedded in another JVM never ends its process
      if (!DaemonProcess.awaitReleased(trackerDirectory(), PATIENCE)) {
        throw new TrackerException(
            "The daemon"
                + pid
                + " still holds the lock of "
                + root().workspace()
                + " after "
                + PATIENCE.toSeconds()
                + " s");
      }
      root().printer().note("Daemon stopped" + pid);
      return 0;
    }
  }

  @Command(name = "status", description = "Whether a daemon serves the workspace, and how.")
  static final class Status extends Base {
    @Override
    public Integer call() {
      Optional<DaemonFiles.Lock> info = running() ? info() : Optional.empty();
      if (info.isEmpty()) {
        // not running, or for a moment while it starts or stops
        notRunning();
        return 1;
      }
      JsonNode status;
      try (DaemonClient client = new DaemonClient(info.get().socket(), PROBE_TIMEOUT, 1)) {
        status = client.call(Method.STATUS, null);
      }
      root().printer().value((ObjectNode) status, human(status));
      return 0;
    }

    private static String human(JsonNode status) {
      JsonNode lastSync = status.path("last_sync");
      return "Daemon (pid "
          + status.path("pid").asString()
          + ", version "
          + status.path("version").asString()
          + ") serves "
          + status.path("workspace").asString()
          + " for "
          + status.path("uptime_seconds").asString()
          + " s\n  issues       "
          + status.path("issues").asString()
          + "\n  connections  "
          + status.path("connections").asString()
          + "\n  sync         "
          + (status.path("sync_enabled").booleanValue()
              ? "every " + status.path("sync_interval").asString() + " s"
              : "off")
          + (status.path("git_enabled").booleanValue() ? ", with git" : ", without git")
          + "\n  last sync    "
          + (lastSync.isObject()
              ? lastSync.path("status").asString()
                  + " at "
                  + lastSync.path("at").asString()
                  + (lastSync.path("error").isString()
                      ? ": " + lastSync.path("error").asString()
                      : "")
              : "none yet");
    }
  }
}
