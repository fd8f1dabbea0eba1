package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.RpcClient;
import dev.tracker.daemon.TrackerDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * enter (a hard link names the same socket). Then it runs a tiny client ({@code
 * ForeignClient.java}, launched as a single-file program) as {@code nobody}, and the same client as
 * itself, through the same link: the second is answered, which shows the way works, the first is
 * not.
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
      try (var files = Files.list(open)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(open);
    }
  }

  @Test
  void a_client_of_another_user_is_refused_while_the_owners_is_served() throws Exception {
    Path link = open.resolve("daemon.sock");
    Files.createLink(link, daemon.socket());
    Files.setPosixFilePermissions(link, PosixFilePermissions.fromString("rw-rw-rw-"));
    Path client = open.resolve("ForeignClient.java");
    try (InputStream source =
        Objects.requireNonNull(getClass().getResourceAsStream("/reliability/ForeignClient.java"))) {
      Files.copy(source, client);
    }
    Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rw-r--r--"));

    String asNobody = run(asNobody(List.of(Forks.java(), client.toString(), link.toString())));
    String asOwner = run(List.of(Forks.java(), client.toString(), link.toString()));

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
