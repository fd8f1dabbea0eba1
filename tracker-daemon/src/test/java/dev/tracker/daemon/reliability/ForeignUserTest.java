package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.RpcClient;
import dev.tracker.daemon.TrackerDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection from another user is refused: the daemon checks the peer's uid ({@code SO_PEERCRED})
 * against the socket's owner and closes the connection unanswered.
 *
 * <p>The socket is 0600 in a 0700 directory, so no other user can even reach it: the file
 * permissions are the first guard. To test the second, the test (root) opens the first on purpose:
 * it makes the socket 0666 and gives it a second name, a hard link in a directory everyone may
 * enter (a hard link names the same socket). Then it runs a tiny client ({@link ForeignClient}, its
 * class file copied there) as {@code nobody}, and the same client as itself, through the same link:
 * the second is answered, which shows the way works, the first is not.
 *
 * <p>Needs root (to run a process as another user) and {@code setpriv} or {@code su}; otherwise
 * skipped, saying why. CI runs as root.
 */
class ForeignUserTest {

  private static final List<Path> SETPRIV =
      List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));
  private static final List<Path> SU = List.of(Path.of("/usr/bin/su"), Path.of("/bin/su"));

  @TempDir Path workspace;
  private Path open;
  private TrackerDaemon daemon;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "not root: cannot run a client as another user (CI runs as root)");
    assumeTrue(
        Files.isDirectory(Path.of("/proc/self")) && Files.exists(Path.of("/etc/passwd")),
        "no /proc or /etc/passwd: not a Linux system");
    assumeTrue(Files.readString(Path.of("/etc/passwd")).contains("\nnobody:"), "no user 'nobody'");
    assumeTrue(
        SETPRIV.stream().anyMatch(Files::isExecutable) || SU.stream().anyMatch(Files::isExecutable),
        "neither setpriv nor su: cannot run a client as another user");
    daemon = Daemons.start(Daemons.config(workspace).build());
    // a directory nobody may enter, outside the 0700 temporary directories
    open = Files.createTempDirectory(Path.of("/tmp"), "tracker-foreign-");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void stop() throws IOException {
    if (daemon != null) {
      daemon.close();
    }
    if (open != null) {
      try (Stream<Path> paths = Files.walk(open)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  @Test
  void a_client_of_another_user_is_refused_while_the_owners_is_served() throws Exception {
    Path link = open.resolve("daemon.sock");
    Files.createLink(link, daemon.socket());
    Files.setPosixFilePermissions(link, PosixFilePermissions.fromString("rw-rw-rw-"));
    // the client's class file, where nobody may read it (the build's directories are the owner's)
    String name = ForeignClient.class.getName();
    Path classes = open.resolve("classes");
    Path client = classes.resolve(name.replace('.', '/') + ".class");
    Files.createDirectories(client.getParent());
    Files.copy(Forks.TEST_CLASSES.resolve(classes.relativize(client)), client);
    try (Stream<Path> paths = Files.walk(classes)) {
      for (Path path : paths.toList()) {
        Files.setPosixFilePermissions(
            path,
            PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    List<String> command =
        List.of(
            Forks.java(),
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classes.toString(),
            name,
            link.toString());

    String asNobody = run(asNobody(command));
    String asOwner = run(command);

    assertThat(asOwner)
        .as("the owner's client, through the same link")
        .contains("uid 0", "answer:", "\"healthy\":true");
    assertThat(asNobody)
        .as("nobody's client")
        .contains("uid 65534", "connected", "closed without an answer")
        .doesNotContain("answer:");
    try (RpcClient owner = RpcClient.connect(daemon)) {
      assertThat(owner.result("health").path("healthy").booleanValue()).isTrue();
    }
  }

  private static List<String> asNobody(List<String> command) {
    List<String> full = new ArrayList<>();
    Path setpriv = SETPRIV.stream().filter(Files::isExecutable).findFirst().orElse(null);
    if (setpriv != null) {
      full.addAll(
          List.of(setpriv.toString(), "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
      full.addAll(command);
    } else {
      Path su = SU.stream().filter(Files::isExecutable).findFirst().orElseThrow();
      full.addAll(
          List.of(su.toString(), "-s", "/bin/sh", "nobody", "-c", String.join(" ", command)));
    }
    return full;
  }

  private String run(List<String> command) throws Exception {
    Path output = Files.createTempFile(workspace, "client", ".txt");
    Process process =
        Forks.builder(command)
            .directory(open.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    Forks.awaitExit(process);
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
