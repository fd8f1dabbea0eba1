package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tracker.core.TrackerService;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.RpcClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the daemon process during an export, at many points of it: each time, {@code
 * issues.jsonl} parses and is byte for byte the version before the export or the one after, never a
 * torn file. The file is large (about 3 MB), so the export takes long enough to be hit (the polling
 * below meets four rounds of six while the new version is being written, a typical run).
 *
 * <p>Each round starts a daemon, changes one issue, asks for an export and kills the daemon at its
 * round's point: when a new version of the file starts being written, when it holds a quarter, a
 * half, three quarters or all of the expected bytes (then its fsync runs), or when it has been
 * renamed over {@code issues.jsonl}; each point at a random moment within its stretch, as the
 * polling below meets it. "After" is what an export of the same database writes, made in-process
 * once the daemon is dead.
 */
@Tag("slow")
@Order(1) // the slowest of its suite: it starts first, the others run beside it
class KillDuringExportIT {

  private static final int ISSUES = 1_500;
  private static final double[] POINTS = {0, 0.25, 0.5, 0.75, 1.0, Double.POSITIVE_INFINITY};
  // one round per point: each round kills at a random moment of its point's stretch, so the
  // stretches together cover the whole export, and each run of the suite hits other moments
  private static final int ROUNDS = POINTS.length;

  @TempDir Path workspace;
  @TempDir Path scratch;

  private Path file() {
    return workspace.resolve(".tracker/issues.jsonl");
  }

  @Test
  void issues_jsonl_is_the_old_or_the_new_version_whenever_the_daemon_dies() throws Exception {
    seed();
    Random random = new Random();
    int tornMidWrite = 0;
    for (int round = 0; round < ROUNDS; round++) {
      double point = POINTS[round % POINTS.length];
      byte[] before = Files.readAllBytes(file());
      FileState beforeState = FileState.of(file());
      boolean writing;
      try (ForkedDaemon daemon = ForkedDaemon.start(workspace, scratch);
          RpcClient client = RpcClient.connect(daemon.socket())) {
        client.result("issue.update", "{\"id\":\"rel-00001\",\"title\":\"round " + round + "\"}");
        double threshold = point + random.nextDouble() * 0.25;

        client.sendLine("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"export\"}");
        writing = killAt(daemon, threshold, before.length, beforeState);
      }
      if (writing) {
        tornMidWrite++;
      }

      byte[] after = Files.readAllBytes(file());
      assertThatCode(() -> new JsonlCodec().decode(file(), after, Instant.now()))
          .as("round %s (point %s): issues.jsonl parses", round, point)
          .doesNotThrowAnyException();
      byte[] exported = exportInProcess();
      assertThat(Arrays.equals(after, before) || Arrays.equals(after, exported))
          .as(
              "round %s (point %s): issues.jsonl (%s bytes) is the version before the export (%s"
                  + " bytes) or after it (%s bytes); its first line that is neither: %s",
              round,
              point,
              after.length,
              before.length,
              exported.length,
              firstDifference(after, before, exported))
          .isTrue();
    }
    System.out.printf(
        "KillDuringExportIT: %d of %d kills met a new version being written%n",
        tornMidWrite, ROUNDS);
    // the points before the rename must have been met while the temporary file was being written
    assertThat(tornMidWrite)
        .as("rounds killed while the new version was being written")
        .isPositive();
  }

  /**
   * Polls (without sleeping) until the round's point and kills the daemon there. Progress is the
   * size of whatever new version of the file is being written, by whatever means: a file whose name
   * holds {@code issues.jsonl} that was not there before (a temporary file), or {@code
   * issues.jsonl} itself once it changed (written in place). The rename is the end.
   *
   * @return whether a new version was being written (and not yet renamed) at the kill
   */
  private boolean killAt(ForkedDaemon daemon, double threshold, long expected, FileState before)
      throws Exception {
    long deadline = System.nanoTime() + Forks.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      FileState now = FileState.of(file());
      boolean renamed = !Objects.equals(now.key(), before.key());
      Optional<Long> progress = progress(before);
      if (renamed || (progress.isPresent() && progress.get() >= threshold * expected)) {
        daemon.kill9();
        return !renamed && progress(before).isPresent();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the export wrote nothing within " + Forks.PATIENCE);
  }

  /** The size of the new version being written, if one is. */
  private Optional<Long> progress(FileState before) throws IOException {
    Optional<Long> largest = Optional.empty();
    try (Stream<Path> files = Files.list(file().getParent())) {
      for (Path candidate : files.toList()) {
        if (!candidate.getFileName().toString().contains("issues.jsonl")) {
          continue;
        }
        try {
          FileState state = FileState.of(candidate);
          if (candidate.equals(file()) && state.equals(before)) {
            continue; // untouched
          }
          if (largest.isEmpty() || state.size() > largest.get()) {
            largest = Optional.of(state.size());
          }
        } catch (NoSuchFileException renamedMeanwhile) {
          // gone between the listing and the look: the next look sees the rename
        }
      }
    }
    return largest;
  }

  /** What identifies a version of a file: inode, modification time and size. */
  private record FileState(@Nullable Object key, FileTime modified, long size) {
    static FileState of(Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileState(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    }
  }

  /** What an export of the database writes, made in this process now that no daemon runs. */
  private byte[] exportInProcess() throws IOException {
    try (TrackerService tracker = TrackerService.embedded(Daemons.config(workspace).build())) {
      tracker.exportJsonl();
    }
    return Files.readAllBytes(file());
  }

  /** A large issues.jsonl, and sync off: the daemon exports only when asked. */
  private void seed() throws IOException {
    Files.createDirectories(file().getParent());
    Files.writeString(
        file().resolveSibling("config.yaml"), "prefix: rel\nsync:\n  enabled: false\n");
    String description = "x".repeat(2_000);
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= ISSUES; i++) {
      lines.append(
          String.format(
              "{\"id\":\"rel-%05d\",\"title\":\"issue %d\",\"description\":\"%s\","
                  + "\"status\":\"open\",\"priority\":2,\"issue_type\":\"task\","
                  + "\"created_at\":\"2025-01-01T00:00:00Z\",\"updated_at\":\"2025-01-01T00:00:00Z\"}%n",
              i, i, description));
    }
    Files.writeString(file(), lines);
    exportInProcess(); // the canonical form, and a database that has imported it
  }

  private static String firstDifference(byte[] actual, byte[] before, byte[] after) {
    List<String> lines = lines(actual);
    List<String> old = lines(before);
    List<String> fresh = lines(after);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean inOld = i < old.size() && old.get(i).equals(line);
      boolean inNew = i < fresh.size() && fresh.get(i).equals(line);
      if (!inOld && !inNew) {
        return "line " + (i + 1) + ": " + abbreviate(line);
      }
    }
    return "none (" + lines.size() + " lines, the old has " + old.size() + ")";
  }

  private static List<String> lines(byte[] content) {
    return List.of(new String(content, StandardCharsets.UTF_8).split("\n", -1));
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 120) + "...";
  }
}
