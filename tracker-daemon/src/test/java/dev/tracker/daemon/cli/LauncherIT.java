package dev.tracker.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.core.internal.protocol.Wire;
import dev.tracker.daemon.LauncherJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The packaged launcher, {@code java -jar target/tracker.jar}, as a user runs it. */
class LauncherIT {

  private static final Path JAR = Path.of("target/tracker.jar").toAbsolutePath();

  @TempDir Path workspace;

  /** What one run of the launcher printed and returned. */
  record Run(int exitCode, String out, String err) {
    JsonNode json() {
      return Wire.JSON.readTree(out);
    }
  }

  private Run tracker(String... args) throws IOException, InterruptedException {
    return tracker(Map.of(), args);
  }

  private Run tracker(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(LauncherJvm.options());
    command.add("-jar");
    command.add(JAR.toString());
    command.add("-C");
    command.add(workspace.toString());
    command.addAll(List.of(args));
    Path err = Files.createTempFile(workspace.getParent(), "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS))
        .as("tracker %s finished", String.join(" ", args))
        .isTrue();
    return new Run(process.exitValue(), out, Files.readString(err));
  }

  @AfterEach
  void stopALeftoverDaemon() {
    DaemonFiles.Lock.read(workspace.resolve(".tracker"))
        .flatMap(lock -> ProcessHandle.of(lock.pid()))
        .ifPresent(ProcessHandle::destroy);
  }

  @Test
  void the_same_commands_work_in_process_and_through_a_running_daemon() throws Exception {
    assertThat(tracker("init", "--prefix", "e2e").exitCode()).isZero();
    String before = tracker("--json", "create", "made in-process").json().get("id").stringValue();
    assertThat(tracker("--json", "list").json()).hasSize(1);

    Run started = tracker("daemon", "start");
    assertThat(started.exitCode()).as(started.err()).isZero();
    assertThat(started.out()).contains("Daemon started (pid ");
    long pid = DaemonFiles.Lock.read(workspace.resolve(".tracker")).orElseThrow().pid();

    Run created = tracker("--json", "create", "made through the daemon", "-p", "1");
    assertThat(created.exitCode()).as(created.err()).isZero();
    String through = created.json().get("id").stringValue();
    JsonNode listed = tracker("--json", "list").json();
    assertThat(listed).extracting(issue -> issue.get("id").stringValue()).contains(before, through);
    // a sync through the daemon: the daemon's process writes the file, and its status says so
    // (its debounced export is DaemonSyncTest's, on a time the test moves)
    Run synced = tracker("--json", "sync");
    assertThat(synced.exitCode()).as(synced.err()).isZero();
    assertThat(Files.readString(workspace.resolve(".tracker/issues.jsonl"))).contains(through);

    Run status = tracker("--json", "daemon", "status");
    assertThat(status.exitCode()).isZero();
    assertThat(status.json().get("pid").longValue()).isEqualTo(pid);
    assertThat(status.json().get("running").booleanValue()).isTrue();
    assertThat(status.json().path("last_sync").path("status").stringValue()).isEqualTo("success");

    Run second = tracker("daemon", "start");
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err()).contains("A daemon already serves").contains("(pid " + pid + ")");

    Run stopped = tracker("daemon", "stop");
    assertThat(stopped.exitCode()).as(stopped.err()).isZero();
    assertThat(stopped.out()).contains("Daemon stopped (pid " + pid + ")");
    // stop returns once the daemon let its lock go; its JVM exits a moment later
    ProcessHandle.of(pid)
        .ifPresent(process -> process.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(workspace.resolve(".tracker/daemon.lock")).doesNotExist();
    assertThat(workspace.resolve(".tracker/daemon.sock")).doesNotExist();

    assertThat(tracker("--json", "list").json()).hasSize(2);
    assertThat(tracker("daemon", "status").exitCode()).isEqualTo(1);
    // the daemon's log is the daemon's: no library's banner or tips (jOOQ prints both unless told)
    assertThat(Files.readString(workspace.resolve(".tracker/daemon.log")))
        .contains("serves " + workspace)
        .doesNotContain("jOOQ");
  }

  @Test
  void the_packaged_jar_reaches_an_ssh_remote_and_checks_its_host_key(@TempDir Path ssh)
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair hostKey = generator.generateKeyPair();
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator((user, key, session) -> false);
    server.start();
    try {
      String url = "ssh://git@127.0.0.1:" + server.getPort() + "/remote.git";
      try (Git git = Git.init().setInitialBranch("main").setDirectory(workspace.toFile()).call()) {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("remote", "origin", "url", url);
        config.save();
      }
      Files.writeString(ssh.resolve("config"), "Host *\n  IdentityAgent none\n");
      Files.writeString(
          ssh.resolve("known_hosts"),
          "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()));
      Map<String, String> environment = Map.of("TRACKER_GIT_SSH_DIRECTORY", ssh.toString());
      assertThat(tracker(environment, "init").exitCode()).isZero();

      Run synced = tracker(environment, "sync");

      assertThat(synced.exitCode()).as(synced.out()).isEqualTo(1);
      assertThat(synced.err())
          .contains(
              "Cannot log in to origin ("
                  + url
                  + ") as git@[127.0.0.1]:"
                  + server.getPort()
                  + ": no key to offer")
          .doesNotContain("Exception");
    } finally {
      server.stop(true);
    }
  }
}
