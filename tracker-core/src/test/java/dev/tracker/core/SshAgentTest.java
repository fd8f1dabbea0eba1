package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys an SSH agent holds log in: a key whose file needs a passphrase, or a key with no file at
 * all. The agent is a real one on a Unix domain socket, named by {@code IdentityAgent} in the SSH
 * config (as {@code SSH_AUTH_SOCK} names it when the config does not). When the agent cannot help,
 * the message says which agent was asked and why it gave nothing.
 */
class SshAgentTest {

  @TempDir Path dir;
  private GitSshServer server;
  private SshAgentServer agent;
  private Path remote;
  private Path clone;
  private Path ssh;
  private KeyPair key;

  @BeforeEach
  void aCloneWithAnSshRemoteAndAnAgent() throws Exception {
    remote = GitRepos.bareRemote(dir.resolve("server/remote.git"));
    server = GitSshServer.start(dir.resolve("server"));
    agent = SshAgentServer.start(dir.resolve("agent.sock"));
    ssh = Files.createDirectories(dir.resolve("ssh"));
    key = GitSshServer.newKeyPair();
    server.authorize(key.getPublic());
    Files.writeString(ssh.resolve("known_hosts"), server.knownHostsLine());
    useAgent(agent.socket());
    clone = GitRepos.cloneOf(remote, dir.resolve("clone"));
    try (Git git = Git.open(clone.toFile())) {
      git.remoteSetUrl()
          .setRemoteName("origin")
          .setRemoteUri(new URIish(server.url("remote.git")))
          .call();
    }
  }

  @AfterEach
  void stopServers() throws Exception {
    server.close();
    agent.close();
  }

  private void useAgent(Path socket) throws Exception {
    Files.writeString(ssh.resolve("config"), "Host *\n  IdentityAgent " + socket + "\n");
  }

  private TrackerService tracker() {
    return TrackerService.embedded(Workspaces.isolated(clone).gitSshDirectory(ssh).build());
  }

  /** The commits the remote's branches point at. */
  private List<ObjectId> remoteBranches() throws Exception {
    try (Git git = Git.open(remote.toFile())) {
      return git.getRepository().getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
          .map(Ref::getObjectId)
          .toList();
    }
  }

  private ObjectId cloneHead() throws Exception {
    try (Git git = Git.open(clone.toFile())) {
      return Objects.requireNonNull(git.getRepository().resolve(Constants.HEAD));
    }
  }

  @Test
  void a_key_whose_file_needs_a_passphrase_logs_in_through_the_agent_holding_it() throws Exception {
    GitSshServer.writePrivateKey(key, ssh.resolve("id_ecdsa"), "secret");
    agent.add(key);
    try (TrackerService tracker = tracker()) {
      tracker.create("pushed with the agent's key");

      SyncResult result = tracker.sync();

      assertThat(result.pushed()).isTrue();
      assertThat(remoteBranches()).containsExactly(cloneHead());
      assertThat(agent.answered()).isPositive();
    }
  }

  @Test
  void a_key_the_agent_alone_holds_logs_in_without_any_key_file() throws Exception {
    agent.add(key);
    try (TrackerService tracker = tracker()) {
      tracker.create("pushed with the agent's key");

      SyncResult result = tracker.sync();

      assertThat(result.pushed()).isTrue();
      assertThat(remoteBranches()).containsExactly(cloneHead());
    }
  }

  @Test
  void a_key_with_a_passphrase_the_agent_does_not_hold_names_the_agent_and_ssh_add()
      throws Exception {
    GitSshServer.writePrivateKey(key, ssh.resolve("id_ecdsa"), "secret");
    agent.add(GitSshServer.newKeyPair());
    try (TrackerService tracker = tracker()) {
      tracker.create("not pushed");

      SyncException failure = catchThrowableOfType(SyncException.class, tracker::sync);

      assertThat(failure)
          .hasMessageContaining("origin (" + server.url("remote.git") + ")")
          .hasMessageContaining("the key " + ssh.resolve("id_ecdsa") + " needs a passphrase")
          .hasMessageContaining("the SSH agent at " + agent.socket() + " does not hold it")
          .hasMessageContaining("ssh-add " + ssh.resolve("id_ecdsa"));
    }
  }

  @Test
  void a_key_the_server_refuses_counts_the_agents_keys_among_those_tried() throws Exception {
    agent.add(GitSshServer.newKeyPair());
    try (TrackerService tracker = tracker()) {
      tracker.create("not pushed");

      SyncException failure = catchThrowableOfType(SyncException.class, tracker::sync);

      assertThat(failure)
          .hasMessageContaining(
              "accepted none of the keys tried (1 key of the SSH agent at " + agent.socket() + ")");
    }
  }

  @Test
  void an_agent_that_cannot_be_reached_leaves_the_key_files_to_log_in() throws Exception {
    useAgent(dir.resolve("gone.sock"));
    GitSshServer.writePrivateKey(key, ssh.resolve("id_ecdsa"), null);
    try (TrackerService tracker = tracker()) {
      tracker.create("pushed with the key file");

      SyncResult result = tracker.sync();

      assertThat(result.pushed()).isTrue();
      assertThat(remoteBranches()).containsExactly(cloneHead());
    }
  }

  @Test
  void an_agent_that_cannot_be_reached_is_named_when_a_key_needs_a_passphrase() throws Exception {
    Path gone = dir.resolve("gone.sock");
    useAgent(gone);
    GitSshServer.writePrivateKey(key, ssh.resolve("id_ecdsa"), "secret");
    try (TrackerService tracker = tracker()) {
      tracker.create("not pushed");

      SyncException failure = catchThrowableOfType(SyncException.class, tracker::sync);

      assertThat(failure)
          .hasMessageContaining("needs a passphrase")
          .hasMessageContaining("the SSH agent at " + gone + " could not be reached");
    }
  }

  @Test
  void an_agent_that_never_answers_fails_the_sync_within_the_timeout_naming_the_agent()
      throws Exception {
    try (SshAgentServer silent = SshAgentServer.silent(dir.resolve("silent.sock"))) {
      useAgent(silent.socket());
      GitSshServer.writePrivateKey(key, ssh.resolve("id_ecdsa"), null);
      try (TrackerService tracker =
          TrackerService.embedded(
              Workspaces.isolated(clone)
                  .gitSshDirectory(ssh)
                  .syncTimeout(Duration.ofSeconds(1))
                  .build())) {
        tracker.create("not pushed");

        SyncException failure = catchThrowableOfType(SyncException.class, tracker::sync);

        assertThat(failure)
            .hasMessageStartingWith("The SSH agent at " + silent.socket())
            .hasMessageContaining("origin (" + server.url("remote.git") + ")")
            .hasMessageContaining("did not answer within 1 s (sync.timeout)");
      }
    }
  }
}
