package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clones sync through a real SSH server: A's remote is an {@code ssh://} URL and A's key is a
 * default identity ({@code id_ecdsa}); B's remote is scp-style ({@code gitserver:remote.git}),
 * resolved through B's SSH config (host name, port, user and {@code IdentityFile}). Both trust the
 * server through their {@code known_hosts}.
 */
class SshSyncTest {

  @TempDir Path dir;
  private GitSshServer server;
  private Path remote;
  private TrackerService a;
  private TrackerService b;

  @BeforeEach
  void twoClonesOfOneSshRemote() throws Exception {
    remote = GitRepos.bareRemote(dir.resolve("server/remote.git"));
    server = GitSshServer.start(dir.resolve("server"));
    Path sshA = clientDirectory("ssh-a", "id_ecdsa");
    Path sshB = clientDirectory("ssh-b", "work_key");
    Files.writeString(
        sshB.resolve("config"),
        "Host gitserver\n  HostName 127.0.0.1\n  Port "
            + server.port()
            + "\n  User "
            + GitSshServer.USER
            + "\n  IdentityFile "
            + sshB.resolve("work_key")
            + "\n");
    Path cloneA = cloneWithOrigin("a", server.url("remote.git"));
    Path cloneB = cloneWithOrigin("b", "gitserver:remote.git");
    a = TrackerService.embedded(Workspaces.isolated(cloneA).gitSshDirectory(sshA).build());
    // B's clock runs an hour ahead: whatever B edits is the later edit
    b =
        TrackerService.embedded(
            Workspaces.isolated(cloneB)
                .gitSshDirectory(sshB)
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))
                .build());
  }

  @AfterEach
  void closeAll() throws Exception {
    a.close();
    b.close();
    server.close();
  }

  private Path clientDirectory(String name, String keyFile) throws Exception {
    Path ssh = Files.createDirectories(dir.resolve(name));
    KeyPair key = GitSshServer.newKeyPair();
    GitSshServer.writePrivateKey(key, ssh.resolve(keyFile), null);
    server.authorize(key.getPublic());
    Files.writeString(ssh.resolve("known_hosts"), server.knownHostsLine());
    return ssh;
  }

  private Path cloneWithOrigin(String name, String url) throws Exception {
    Path clone = GitRepos.cloneOf(remote, dir.resolve(name));
    try (Git git = Git.open(clone.toFile())) {
      git.remoteSetUrl().setRemoteName("origin").setRemoteUri(new URIish(url)).call();
    }
    return clone;
  }

  @Test
  void issues_created_on_both_clones_reach_the_other_over_ssh() {
    Issue fromA = a.create("from A");
    Issue fromB = b.create("from B");

    SyncResult sentByA = a.sync();
    SyncResult mergedByB = b.sync();
    SyncResult receivedByA = a.sync();

    assertThat(sentByA.pushed()).isTrue();
    assertThat(mergedByB.pulled()).isTrue();
    assertThat(mergedByB.pushed()).isTrue();
    assertThat(receivedByA.pulled()).isTrue();
    for (TrackerService tracker : List.of(a, b)) {
      assertThat(tracker.list().stream().map(Issue::id).collect(Collectors.toSet()))
          .isEqualTo(Set.of(fromA.id(), fromB.id()));
    }
    assertThat(b.get(fromA.id())).isEqualTo(fromA);
    assertThat(a.get(fromB.id())).isEqualTo(fromB);
  }

  @Test
  void different_fields_of_one_issue_changed_on_both_clones_both_arrive_on_both() {
    Issue issue = a.create(NewIssue.builder("original").label("shared").build());
    a.sync();
    b.sync();

    a.update(issue.id(), IssueUpdate.builder().title("title from A").build());
    b.update(issue.id(), IssueUpdate.builder().priority(0).build());
    b.addLabel(issue.id(), "from-b");
    a.sync();
    SyncResult merged = b.sync();
    a.sync();

    assertThat(merged.conflicts()).isEqualTo(1);
    for (TrackerService tracker : List.of(a, b)) {
      Issue result = tracker.get(issue.id());
      assertThat(result.title()).isEqualTo("title from A");
      assertThat(result.priority()).isZero();
      assertThat(result.labels()).containsExactly("from-b", "shared");
    }
  }

  @Test
  void after_close_no_thread_the_tracker_started_for_ssh_is_alive() {
    Set<Thread> before = liveThreads();
    a.create("over ssh");
    a.sync();

    a.close();

    // JGit stops a session's MINA client when the fetch or push ends, but MINA shuts its timer
    // down without waiting for it; close() joins what is left: asserted at once, no second look
    assertThat(
            liveThreads().stream()
                .filter(thread -> !before.contains(thread))
                .map(Thread::getName)
                .filter(name -> !name.startsWith("sshd-SshServer") && !name.startsWith("git-ssh-"))
                .filter(name -> !name.startsWith("JGit-WorkQueue")))
        .isEmpty();
  }

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }
}
