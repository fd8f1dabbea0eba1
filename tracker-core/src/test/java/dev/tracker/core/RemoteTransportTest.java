package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a sync says of a remote it cannot use, or that does not answer, and that it keeps still. */
class RemoteTransportTest {

  @TempDir Path workspace;

  private void remote(String url) throws Exception {
    try (Git git = Git.init().setInitialBranch("main").setDirectory(workspace.toFile()).call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", url);
      config.save();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"git://127.0.0.1/x.git", "foo://example.com/x.git"})
  void a_remote_of_another_transport_is_refused_with_what_works_before_anything_is_committed(
      String url) throws Exception {
    remote(url);
    try (TrackerService tracker = TrackerService.embedded(Workspaces.isolated(workspace).build())) {
      tracker.create("kept");

      assertThatThrownBy(tracker::sync)
          .isInstanceOf(SyncException.class)
          .hasMessage(
              "origin ("
                  + url
                  + ") uses "
                  + url.substring(0, url.indexOf(':'))
                  + "://, which tracker cannot reach; what works: a local path or file://,"
                  + " ssh:// or user@host:path (SSH), https:// or http://");
      assertThat(GitRepos.commitCount(workspace)).isZero();
      assertThat(tracker.list(IssueFilter.all())).extracting(Issue::title).containsExactly("kept");
    }
  }

  @Test
  void a_remote_that_accepts_and_never_answers_fails_the_sync_after_its_timeout_naming_it()
      throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/x.git";
      remote(url);
      try (TrackerService tracker =
          TrackerService.embedded(
              Workspaces.isolated(workspace).syncTimeout(Duration.ofMillis(1500)).build())) {
        tracker.create("kept");

        // the connection waits in the listener's backlog, never accepted, never answered
        assertThatThrownBy(tracker::sync)
            .isInstanceOf(SyncException.class)
            .hasMessage(
                "origin ("
                    + url
                    + ") did not answer within 1500 ms (sync.timeout); the next sync tries again");
        // the local change was committed before the fetch, as every sync does
        assertThat(GitRepos.commitCount(workspace)).isOne();
      }
    }
  }

  @Test
  void a_sync_timeout_must_be_positive() {
    assertThatThrownBy(() -> Workspaces.isolated(workspace).syncTimeout(Duration.ZERO).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("sync.timeout must be positive");
  }
}
