package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each way an SSH connection is refused fails the sync with a message that names the remote and the
 * fix, without a stack trace, and leaves the clone and the remote as they were; for an {@code
 * ssh://} URL and for an scp-style one resolved through the SSH config.
 */
class SshFailuresTest {

  /** How the clone names the remote. */
  enum Url {
    SSH,
    SCP
  }

  @org.junit.jupiter.api.io.TempDir Path dir;
  private GitSshServer server;
  private Path remote;
  private Path clone;
  private Path ssh;
  private KeyPair key;

  @BeforeEach
  void aCloneThatSyncedOnceOverSsh() throws Exception {
    remote = GitRepos.bareRemote(dir.resolve("server/remote.git"));
    server = GitSshServer.start(dir.resolve("server"));
    ssh = Files.createDirectories(dir.resolve("ssh"));
    key = GitSshServer.newKeyPair();
    GitSshServer.writePrivateKey(key, ssh.resolve("id_ecdsa"), null);
    server.authorize(key.getPublic());
    Files.writeString(ssh.resolve("known_hosts"), server.knownHostsLine());
    Files.writeString(
        ssh.resolve("config"),
        "Host gitserver\n  HostName 127.0.0.1\n  Port "
            + server.port()
            + "\n  User "
            + GitSshServer.USER
            // whatever agent the machine runs stays out of these tests
            + "\nHost *\n  IdentityAgent none\n");
    clone = GitRepos.cloneOf(remote, dir.resolve("clone"));
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  private String useUrl(Url style) throws Exception {
    String url = style == Url.SSH ? server.url("remote.git") : "gitserver:remote.git";
    try (Git git = Git.open(clone.toFile())) {
      git.remoteSetUrl().setRemoteName("origin").setRemoteUri(new URIish(url)).call();
    }
    return url;
  }

  private TrackerService tracker() {
    return TrackerService.embedded(Workspaces.isolated(clone).gitSshDirectory(ssh).build());
  }

  /** The sync fails; the message is returned after the checks every failure must pass. */
  private String syncFails(TrackerService tracker, String url) throws Exception {
    ObjectId localBefore = head(clone);
    Map<String, ObjectId> remoteBefore = remoteBranches();
    byte[] fileBefore = Files.readAllBytes(clone.resolve(".tracker/issues.jsonl"));

    SyncException failure = catchThrowableOfType(SyncException.class, tracker::sync);

    assertThat(failure).isNotNull();
    String message = Objects.requireNonNull(failure.getMessage());
    assertThat(message)
        .contains("origin (" + url + ")")
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("\n");
    assertThat(failure.getCause()).isNotNull();
    assertThat(head(clone)).isEqualTo(localBefore);
    assertThat(remoteBranches()).isNotEmpty().isEqualTo(remoteBefore);
    assertThat(Files.readAllBytes(clone.resolve(".tracker/issues.jsonl"))).isEqualTo(fileBefore);
    try (Git git = Git.open(clone.toFile())) {
      assertThat(git.status().call().isClean()).isTrue();
    }
    return message;
  }

  private static ObjectId head(Path repository) throws Exception {
    try (Git git = Git.open(repository.toFile())) {
      return Objects.requireNonNull(git.getRepository().resolve(Constants.HEAD));
    }
  }

  /** Every branch of the remote with its commit. */
  private Map<String, ObjectId> remoteBranches() throws Exception {
    try (Git git = Git.open(remote.toFile())) {
      Map<String, ObjectId> branches = new TreeMap<>();
      for (Ref ref : git.getRepository().getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        branches.put(ref.getName(), ref.getObjectId());
      }
      return branches;
    }
  }

  @ParameterizedTest
  @EnumSource(Url.class)
  void an_unknown_host_is_refused_with_the_keyscan_that_trusts_it(Url style) throws Exception {
    String url = useUrl(style);
    try (TrackerService tracker = tracker()) {
      tracker.create("synced before");
      tracker.sync();
      Files.writeString(ssh.resolve("known_hosts"), "");

      String message = syncFails(tracker, url);

      Path knownHosts = ssh.resolve("known_hosts");
      assertThat(message)
          .contains("host " + server.knownHostsName() + " is unknown")
          .contains(knownHosts.toString())
          .contains("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + knownHosts);
    }
  }

  @Test
  void an_unknown_host_names_the_known_hosts_file_the_ssh_config_names() throws Exception {
    Path configured = dir.resolve("elsewhere/hosts");
    Files.createDirectories(configured.getParent());
    Files.writeString(configured, server.knownHostsLine());
    Files.writeString(
        ssh.resolve("config"),
        Files.readString(ssh.resolve("config")) + "  UserKnownHostsFile " + configured + "\n");
    String url = useUrl(Url.SCP);
    try (TrackerService tracker = tracker()) {
      tracker.create("synced before");
      tracker.sync();
      Files.writeString(configured, "");

      String message = syncFails(tracker, url);

      assertThat(message)
          .contains("is not in " + configured)
          .contains("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + configured);
    }
  }

  @ParameterizedTest
  @EnumSource(Url.class)
  void a_changed_host_key_is_refused_with_the_commands_that_replace_it(Url style) throws Exception {
    String url = useUrl(style);
    try (TrackerService tracker = tracker()) {
      tracker.create("synced before");
      tracker.sync();
      KeyPair impostor = GitSshServer.newKeyPair();
      Files.writeString(ssh.resolve("known_hosts"), server.knownHostsLine(impostor.getPublic()));

      String message = syncFails(tracker, url);

      Path knownHosts = ssh.resolve("known_hosts");
      assertThat(message)
          .contains("the host key of " + server.knownHostsName() + " has changed")
          .contains("ssh-keygen -R '" + server.knownHostsName() + "' -f " + knownHosts)
          .contains("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + knownHosts);
    }
  }

  @ParameterizedTest
  @EnumSource(Url.class)
  void without_a_key_the_message_says_how_to_make_one(Url style) throws Exception {
    String url = useUrl(style);
    try (TrackerService tracker = tracker()) {
      tracker.create("synced before");
      tracker.sync();
      Files.delete(ssh.resolve("id_ecdsa"));

      String message = syncFails(tracker, url);

      assertThat(message)
          .contains("as git@" + server.knownHostsName())
          .contains("no key to offer")
          .contains("ssh-keygen -t ed25519 -f " + ssh.resolve("id_ed25519"));
    }
  }

  @ParameterizedTest
  @EnumSource(Url.class)
  void a_key_the_server_does_not_accept_is_named_with_the_fix(Url style) throws Exception {
    String url = useUrl(style);
    try (TrackerService tracker = tracker()) {
      tracker.create("synced before");
      tracker.sync();
      GitSshServer.writePrivateKey(GitSshServer.newKeyPair(), ssh.resolve("id_ecdsa"), null);

      String message = syncFails(tracker, url);

      assertThat(message)
          .contains("as git@" + server.knownHostsName())
          .contains("accepted none of the keys tried (" + ssh.resolve("id_ecdsa") + ")")
          .contains("authorized keys");
    }
  }

  @ParameterizedTest
  @EnumSource(Url.class)
  void a_key_with_a_passphrase_is_named_and_never_prompted_for(Url style) throws Exception {
    String url = useUrl(style);
    try (TrackerService tracker = tracker()) {
      tracker.create("synced before");
      tracker.sync();
      GitSshServer.writePrivateKey(key, ssh.resolve("id_ecdsa"), "secret");

      String message = syncFails(tracker, url);

      assertThat(message)
          .contains("the key " + ssh.resolve("id_ecdsa") + " needs a passphrase")
          .contains("no SSH agent was asked (the SSH config says IdentityAgent none)")
          .contains("ssh-keygen -p -f " + ssh.resolve("id_ecdsa"));
    }
  }

  @ParameterizedTest
  @EnumSource(Url.class)
  void a_refused_sync_commits_its_change_locally_and_pushes_it_once_the_host_is_trusted_again(
      Url style) throws Exception {
    String url = useUrl(style);
    try (TrackerService tracker = tracker()) {
      tracker.create("synced before");
      tracker.sync();
      String trusted = Files.readString(ssh.resolve("known_hosts"));
      Files.writeString(ssh.resolve("known_hosts"), "");
      Issue pending = tracker.create("pending");
      Map<String, ObjectId> remoteBefore = remoteBranches();

      SyncException refused = catchThrowableOfType(SyncException.class, tracker::sync);
      Map<String, ObjectId> remoteAfterRefusal = remoteBranches();
      Files.writeString(ssh.resolve("known_hosts"), trusted);
      SyncResult retried = tracker.sync();

      assertThat(refused).hasMessageContaining("origin (" + url + ")");
      assertThat(remoteAfterRefusal).isEqualTo(remoteBefore);
      assertThat(retried.pushed()).isTrue();
      assertThat(remoteBranches().values()).containsExactly(head(clone));
      assertThat(tracker.get(pending.id())).isEqualTo(pending);
    }
  }
}
