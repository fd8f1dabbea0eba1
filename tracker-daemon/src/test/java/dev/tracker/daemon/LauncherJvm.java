package dev.tracker.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JVM of a launcher ({@code java -jar target/tracker.jar}) that a test forks: options that make
 * it start sooner without changing what it does.
 */
public final class LauncherJvm {

  private static final Path JAR = Path.of("target/tracker.jar").toAbsolutePath();

  private LauncherJvm() {}

  private static String java() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * Options of a forked launcher's JVM that make it start sooner; what the launcher does is the
   * same. The C1 compiler alone (the forks are short, or killed), and a class data sharing archive
   * of the classes a launcher loads, made once from {@code tracker.jar} ({@link #archive()}). The
   * JVM's messages about the archive are turned off: they would go to standard output, which the
   * tests read.
   */
  public static List<String> options() {
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
  public static synchronized Optional<Path> archive() {
    if (!archiveTried) {
      archiveTried = true;
      archive = makeArchive();
    }
    return archive;
  }

  // guarded by LauncherJvm.class
  private static boolean archiveTried;
  private static Optional<Path> archive = Optional.empty();

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
        ProcessBuilder launcher =
            new ProcessBuilder(
                List.of(
                    java(),
                    "-XX:ArchiveClassesAtExit=" + made,
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    JAR.toString(),
                    "-C",
                    workspace.toString(),
                    "--no-daemon",
                    "list"));
        launcher.environment().keySet().removeIf(name -> name.startsWith("TRACKER_"));
        Process dump =
            launcher
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!dump.waitFor(5, TimeUnit.MINUTES)) {
          dump.destroyForcibly();
          return Optional.empty();
        }
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
}
