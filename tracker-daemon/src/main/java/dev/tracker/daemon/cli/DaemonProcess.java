package dev.tracker.daemon.cli;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerException;
import dev.tracker.core.internal.client.DaemonClient;
import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.daemon.DaemonAlreadyRunningException;
import dev.tracker.daemon.internal.lock.DaemonLock;
import dev.tracker.daemon.internal.lock.DirectoryChanges;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts a detached daemon process and waits for it to answer; waits for one to let go. */
final class DaemonProcess {

  /** How long each wait on the starting process lasts before the next look at its lock file. */
  private static final long LOOK_EVERY_MILLIS = 50;

  /** How long a daemon that did not start gets to exit after SIGTERM, then after SIGKILL. */
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

  private DaemonProcess() {}

  /**
   * Starts {@link DaemonMain} for the workspace in a new JVM that outlives this one, its output
   * appended to {@code .tracker/daemon.log}; returns once it answers {@code health}.
   *
   * @throws DaemonAlreadyRunningException if it exits first because another daemon took the lock
   *     (two starts at once), naming that daemon's pid
   * @throws TrackerException if it exits first (with the end of its log) or does not answer in
   *     time; a process that has not exited is then stopped, and waited for, before this returns
   */
  static DaemonFiles.Lock start(Path workspace, Duration patience) {
    Path directory = workspace.resolve(TrackerConfig.DIRECTORY);
    Path log = directory.resolve(DaemonFiles.LOG);
    Process process;
    try {
      Files.createDirectories(directory);
      process =
          new ProcessBuilder(command(workspace))
              .directory(workspace.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new TrackerException("Cannot start a daemon process: " + e.getMessage(), e);
    }
    boolean started = false;
    try {
      long deadline = System.nanoTime() + patience.toNanos();
      while (System.nanoTime() < deadline) {
        Optional<DaemonFiles.Lock> lock = DaemonFiles.Lock.read(directory);
        if (lock.isPresent() && lock.get().pid() == process.pid() && answers(lock.get())) {
          started = true;
          return lock.get();
        }
        try {
          // the wait ends at once when the process exits, else after a short look-again interval
          Process exited = process.onExit().get(LOOK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
          // refused because another daemon took the lock first (two starts at once): name it
          if (DaemonLock.isHeld(directory)) {
            OptionalLong other = DaemonLock.awaitHolder(directory, DaemonLock.HOLDER_PATIENCE);
            if (other.isPresent()) {
              throw new DaemonAlreadyRunningException(workspace, other.getAsLong());
            }
          }
          throw new TrackerException(
              "The daemon exited with code "
                  + exited.exitValue()
                  + " before answering:\n"
                  + tail(log));
        } catch (TimeoutException stillStarting) {
          // look at the lock file again
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TrackerException("Interrupted while waiting for the daemon to start", e);
        } catch (ExecutionException e) {
          throw new TrackerException("Cannot watch the daemon process", e);
        }
      }
      throw new TrackerException(
          "The daemon did not answer within " + patience.toSeconds() + " s:\n" + tail(log));
    } finally {
      if (!started) {
        // whatever failed, a daemon that answers later must not run while the launcher says no
        stop(process);
      }
    }
  }

  /**
   * Stops a daemon process that did not start in time: SIGTERM first (its shutdown hook removes its
   * files), SIGKILL if it has not exited after {@link #STOP_PATIENCE}; waits for the exit, bounded,
   * also when this thread was interrupted (the flag is kept).
   */
  private static void stop(Process process) {
    boolean interrupted = Thread.interrupted();
    try {
      process.destroy();
      if (!process.waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
      process.destroyForcibly();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits until no daemon holds the lock of the {@code .tracker} directory. Wakes on changes to the
   * directory (a stopping daemon deletes {@code daemon.lock} and empties {@code daemon.pid} just
   * before it lets go) and looks again at least every 50 ms.
   *
   * @return whether the lock was let go within the patience
   */
  static boolean awaitReleased(Path trackerDirectory, Duration patience) {
    return DirectoryChanges.await(
        trackerDirectory,
        patience,
        () -> !DaemonLock.isHeld(trackerDirectory),
        "the daemon to stop");
  }

  private static boolean answers(DaemonFiles.Lock lock) {
    try (DaemonClient client = new DaemonClient(lock.socket(), DaemonCommand.PROBE_TIMEOUT, 1)) {
      return client.probe(DaemonCommand.PROBE_TIMEOUT).isPresent();
    }
  }

  /**
   * Where the system has {@code setsid(1)}: the daemon then leads a session of its own. Otherwise
   * it is in the launcher's process group, which a terminal signals as one: the hangup of a closing
   * terminal (its shell sends SIGHUP to each of its jobs) or a Ctrl-C while {@code daemon start}
   * waits would stop the daemon with its launcher. Fixed paths, not a search of {@code PATH}.
   */
  private static final List<Path> SETSID =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  /**
   * {@code [setsid] java -cp <this launcher> DaemonMain <workspace>}, with the JVM running now. The
   * JVM's child is not a process group leader, so {@code setsid} runs java in its own process, and
   * the pid the launcher knows is the daemon's.
   */
  static List<String> command(Path workspace) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    SETSID.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .ifPresent(setsid -> command.add(setsid.toString()));
    command.add(java);
    command.add("-cp");
    command.add(classPath());
    command.add(DaemonMain.class.getName());
    command.add(workspace.toString());
    return command;
  }

  /** The launcher's jar when it runs from one; else the class path and module path it runs with. */
  private static String classPath() {
    CodeSource code = DaemonMain.class.getProtectionDomain().getCodeSource();
    if (code != null) {
      try {
        Path source = Path.of(code.getLocation().toURI());
        if (Files.isRegularFile(source)) {
          return source.toString();
        }
      } catch (URISyntaxException e) {
        // fall back to the JVM's own paths
      }
    }
    List<String> entries = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
