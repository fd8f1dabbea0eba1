package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.daemon.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process that launched the daemon dies (beads #1515: orphans accumulating): the daemon keeps
 * serving, every later launcher finds it through its lock, and no second daemon starts. The
 * launcher dies two ways: killed with kill -9 while it waits for the daemon to answer, and by the
 * hangup its terminal sends its process group when it closes.
 */
class OrphanedDaemonIT {

  @TempDir Path workspace;
  @TempDir Path scratch;

  private Path tracker() {
    return workspace.resolve(".tracker");
  }

  @BeforeEach
  void init() throws Exception {
    assertThat(Forks.run(scratch, workspace, "init", "--prefix", "orph").exitCode()).isZero();
  }

  @AfterEach
  void killTheDaemons() throws Exception {
    Forks.killDaemonsOf(workspace);
  }

  @Test
  void a_launcher_killed_while_it_starts_the_daemon_leaves_it_serving() throws Exception {
    Process launcher =
        Forks.builder(Forks.tracker(workspace, "daemon", "start"))
            .redirectOutput(scratch.resolve("launcher.txt").toFile())
            .redirectErrorStream(true)
            .start();
    // the daemon holds the lock and has named itself; its launcher still waits for its answer
    long daemon =
        await("the daemon the launcher started names itself")
            .atMost(Forks.PATIENCE)
            .until(
                () -> DaemonFiles.Lock.read(tracker()).map(DaemonFiles.Lock::pid),
                Optional::isPresent)
            .orElseThrow();
    assertThat(daemon).isNotEqualTo(launcher.pid());

    Forks.kill9(launcher.toHandle());

    assertServesAlone(daemon);
  }

  @Test
  void the_hangup_of_the_launchers_terminal_leaves_the_daemon_serving() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.isDirectory(Path.of("/proc/self")),
        "no /usr/bin/setsid or /proc: cannot give the launcher a process group of its own to hang"
            + " up, or see the daemon's");
    // the launcher leads a process group of its own, as a job of a shell does
    List<String> command = new ArrayList<>(List.of("/usr/bin/setsid"));
    command.addAll(Forks.tracker(workspace, "daemon", "start"));
    Process launcher =
        Forks.builder(command)
            .redirectOutput(scratch.resolve("launcher.txt").toFile())
            .redirectErrorStream(true)
            .start();
    Forks.awaitExit(launcher);
    assertThat(launcher.exitValue()).as(Files.readString(scratch.resolve("launcher.txt"))).isZero();
    long daemon = DaemonFiles.Lock.read(tracker()).orElseThrow().pid();
    // it must not be in the group the hangup reaches: checked here, since it would take the daemon
    // a moment to act on the signal, and a test must not bet on that moment
    assertThat(processGroupOf(daemon))
        .as("the daemon's process group (the launcher's was %s)", launcher.pid())
        .isNotEqualTo(launcher.pid());

    // the terminal closes: its shell hangs up the job's process group, which the launcher led
    // ("No such process" once the launcher has exited and nothing else is in it)
    Process hangup =
        new ProcessBuilder("kill", "-HUP", "--", "-" + launcher.pid())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Forks.awaitExit(hangup);

    assertServesAlone(daemon);
  }

  /** The process group of a process, from {@code /proc/<pid>/stat} (Linux). */
  private static long processGroupOf(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // pid (comm) state ppid pgrp ...: comm may hold spaces, so count from its closing parenthesis
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
    return Long.parseLong(fields[2]);
  }

  /** The daemon serves, later launchers find it and start no other, calls go through it. */
  private void assertServesAlone(long daemon) throws Exception {
    Path socket = tracker().resolve(DaemonFiles.SOCKET);
    await("the daemon answers")
        .atMost(Forks.PATIENCE)
        .failFast(
            "the daemon process ended",
            () -> !ProcessHandle.of(daemon).map(ProcessHandle::isAlive).orElse(false))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (RpcClient client = RpcClient.connect(socket)) {
                assertThat(client.result("health").path("pid").longValue()).isEqualTo(daemon);
              }
            });

    Forks.Run again = Forks.run(scratch, workspace, "daemon", "start");
    assertThat(again.exitCode())
        .as("another 'tracker daemon start' must find daemon %s, but said: %s", daemon, again)
        .isEqualTo(1);
    assertThat(again.err())
        .contains("A daemon already serves " + workspace + " (pid " + daemon + ")");
    Forks.Run created = Forks.run(scratch, workspace, "--json", "create", "through the orphan");
    assertThat(created.exitCode()).as(created.err()).isZero();
    // a sync through it: the daemon runs it (its status records it) and writes the issue out
    Forks.Run synced = Forks.run(scratch, workspace, "--json", "sync");
    assertThat(synced.exitCode()).as(synced.err()).isZero();
    assertThat(Files.readString(tracker().resolve("issues.jsonl"))).contains("through the orphan");
    Forks.Run status = Forks.run(scratch, workspace, "--json", "daemon", "status");
    assertThat(status.out()).contains("\"pid\":" + daemon).contains("\"status\":\"success\"");

    assertThat(SimultaneousStartIT.daemonsOf(workspace))
        .extracting(ProcessHandle::pid)
        .as("the daemon processes serving the workspace")
        .containsExactly(daemon);
  }
}
