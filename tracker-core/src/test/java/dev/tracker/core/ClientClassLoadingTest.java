package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.client.CannedDaemon;
import dev.tracker.core.internal.protocol.Wire;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service that talks to a daemon loads none of the store's libraries: checked in a fresh JVM,
 * with the same module path as the tests, that logs every class it loads.
 */
class ClientClassLoadingTest {

  private static final List<String> STORE_LIBRARIES =
      List.of("org.jooq.", "com.zaxxer.", "org.eclipse.jgit.", "dev.tracker.core.internal.store.");

  @TempDir Path workspace;
  @TempDir Path scratch;

  @Test
  void a_connected_service_loads_no_jooq_hikari_or_jgit_class() throws Exception {
    CannedDaemon daemon = CannedDaemon.start(scratch.resolve("daemon.sock"));
    try {
      daemon.reply(
          "stats", CannedDaemon.result(Wire.stats(new Stats(2, Map.of(Status.OPEN, 2), 2, 0))));
      Daemons.writeLock(workspace, daemon.socket());

      List<String> loaded = run("connect");

      assertThat(loaded).contains("dev.tracker.core.internal.client.DaemonClient");
      assertThat(loaded)
          .filteredOn(name -> STORE_LIBRARIES.stream().anyMatch(name::startsWith))
          .isEmpty();
      assertThat(daemon.requests("stats")).hasSize(1);
    } finally {
      daemon.close();
    }
  }

  @Test
  void an_embedded_service_loads_them_which_shows_the_log_would_catch_them() throws Exception {
    List<String> loaded = run("embedded");

    assertThat(loaded)
        .anyMatch(name -> name.startsWith("org.jooq."))
        .anyMatch(name -> name.startsWith("com.zaxxer."));
  }

  /** Runs {@link ClientModeMain} in a fresh JVM; the names of the classes it loaded. */
  private List<String> run(String mode) throws IOException, InterruptedException {
    Path log = scratch.resolve(mode + "-classes.log");
    Path output = scratch.resolve(mode + "-output.txt");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-Xlog:class+load=info:file=" + log);
    String modulePath = System.getProperty("jdk.module.path", "");
    String classPath = System.getProperty("java.class.path", "");
    String main = ClientModeMain.class.getName();
    if (modulePath.isEmpty()) {
      command.addAll(List.of("-cp", classPath, main));
    } else {
      // as surefire runs the tests: the module on the module path, the test classes patched in
      command.addAll(
          List.of(
              "--module-path",
              modulePath,
              "--patch-module",
              "dev.tracker.core=" + testClasses(classPath),
              "-m",
              "dev.tracker.core/" + main));
    }
    command.addAll(List.of(mode, workspace.toString()));

    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean exited = child.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      child.destroyForcibly().waitFor();
    }

    assertThat(exited).as("the child JVM exited").isTrue();
    assertThat(child.exitValue()).as(Files.readString(output)).isZero();
    assertThat(Files.readString(output)).contains("total=");
    return Files.readAllLines(log).stream().map(ClientClassLoadingTest::className).toList();
  }

  /** The directory of the class path that holds this test's classes. */
  private static String testClasses(String classPath) {
    String file = ClientModeMain.class.getName().replace('.', '/') + ".class";
    for (String entry : classPath.split(File.pathSeparator, -1)) {
      if (!entry.isEmpty() && Files.isRegularFile(Path.of(entry).resolve(file))) {
        return entry;
      }
    }
    throw new AssertionError("no class path entry holds " + file + ": " + classPath);
  }

  /**
   * {@code [0.012s][info][class,load] org.jooq.impl.DSL source: ...} to {@code org.jooq.impl.DSL}.
   */
  private static String className(String line) {
    String rest = line.substring(line.lastIndexOf("] ") + 2);
    int space = rest.indexOf(' ');
    return space < 0 ? rest : rest.substring(0, space);
  }
}
