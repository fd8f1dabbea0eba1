package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.daemon.RpcClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code tracker daemon start} for one workspace at the same instant: two launcher processes
 * held at one barrier file and released together. Exactly one daemon runs; the other launcher exits
 * non-zero naming the pid of the one that runs. Rounds after the first start from the files a
 * daemon killed with kill -9 left behind, whose stale {@code daemon.lock} names a dead pid.
 */
class SimultaneousStartIT {

  private static final int ROUNDS = 3;
  private static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();

  @TempDir Path workspace;
  @TempDir Path scratch;

  /** What one launcher of a round printed and returned. */
  private record Launch(int exitCode, String out, String err) {}

  @AfterEach
  void killTheDaemons() throws Exception {
    Forks.killDaemonsOf(workspace);
  }

  @Test
  void two_launchers_released_by_one_barrier_start_exactly_one_daemon() throws Exception {
    Files.createDirectories(workspace.resolve(".tracker")); // the launcher makes none outside init
    for (int round = 1; round <= ROUNDS; round++) {
      List<Launch> launches = startTwoAtOnce(round);

      List<ProcessHandle> daemons = daemonsOf(workspace);
      assertThat(daemons)
          .as("round %s: the daemon processes serving the workspace, after %s", round, launches)
          .hasSize(1);
      long running = daemons.get(0).pid();
      assertThat(DaemonFiles.Lock.read(workspace.resolve(".tracker")).map(DaemonFiles.Lock::pid))
          .as("round %s: the pid in daemon.lock, after %s", round, launches)
          .contains(running);
      Launch won = launches.get(launches.get(0).exitCode() == 0 ? 0 : 1);
      Launch lost = launches.get(launches.get(0).exitCode() == 0 ? 1 : 0);
      assertThat(won.exitCode()).as("round %s: %s", round, launches).isZero();
      assertThat(won.out()).contains("Daemon started (pid " + running + ")");
      assertThat(lost.exitCode()).as("round %s: %s", round, launches).isNotZero();
      // its own first line, not a line of the losing daemon's log that it may quote after it
      assertThat(lost.err().lines().findFirst().orElse(""))
          .as("round %s: what the launcher that lost said first, of: %s", round, lost.err())
          .contains("A daemon already serves " + workspace + " (pid " + running + ")");
      try (RpcClient client = RpcClient.connect(workspace.resolve(".tracker/daemon.sock"))) {
        assertThat(client.result("health").path("pid").longValue()).isEqualTo(running);
      }

      // the next round starts from what kill -9 leaves: a stale daemon.lock and socket
      Forks.kill9(ProcessHandle.of(running).orElseThrow());
    }
  }

  private List<Launch> startTwoAtOnce(int round) throws Exception {
    Path barrier = scratch.resolve("barrier-" + round);
    List<Process> processes = new ArrayList<>();
    List<Path[]> outputs = new ArrayList<>();
    for (int side = 0; side < 2; side++) {
      Path ready = scratch.resolve("ready-" + round + "-" + side);
      Path out = scratch.resolve("out-" + round + "-" + side);
      Path err = scratch.resolve("err-" + round + "-" + side);
      List<String> command = new ArrayList<>(List.of(Forks.java()));
      command.addAll(Forks.jvmOptions()); // the archive's class path, tracker.jar, starts this one
      command.addAll(
          List.of(
              "-Duser.language=en",
              "-cp",
              Forks.JAR + File.pathSeparator + TEST_CLASSES,
              AtBarrier.class.getName(),
              ready.toString(),
              barrier.toString(),
              "-C",
              workspace.toString(),
              "daemon",
              "start"));
      processes.add(
          Forks.builder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start());
      outputs.add(new Path[] {ready, out, err});
    }
    await("both launchers wait at the barrier")
        .atMost(Forks.PATIENCE)
        .until(
            () ->
                outputs.stream().allMatch(files -> Files.exists(files[0]))
                    || processes.stream().anyMatch(process -> !process.isAlive()));
    Files.createFile(barrier);
    List<Launch> launches = new ArrayList<>();
    for (int side = 0; side < 2; side++) {
      Forks.awaitExit(processes.get(side));
      launches.add(
          new Launch(
              processes.get(side).exitValue(),
              Files.readString(outputs.get(side)[1]),
              Files.readString(outputs.get(side)[2])));
    }
    return launches;
  }

  /** The live daemon processes ({@code DaemonMain}) serving the workspace. */
  static List<ProcessHandle> daemonsOf(Path workspace) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(
            process ->
                process
                    .info()
                    .commandLine()
                    .filter(line -> line.contains("dev.tracker.daemon.cli.DaemonMain"))
                    .filter(line -> line.endsWith(" " + workspace))
                    .isPresent())
        .toList();
  }
}
