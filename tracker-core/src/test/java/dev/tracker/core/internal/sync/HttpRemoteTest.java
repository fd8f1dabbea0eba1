package dev.tracker.core.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.SyncException;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync through an HTTP remote that wants Basic authentication: git's own {@code http-backend}
 * behind the JDK's HTTP server on 127.0.0.1, two clones, credentials from a git credential helper
 * or the URL, through {@link TrackerService} as a user runs it.
 */
class HttpRemoteTest {

  private static final String USER = "ada";
  private static final String PASSWORD = "s3cret-pass";

  @TempDir Path dir;
  private GitHttpServer server;
  private Path remote;
  private Path cloneA;
  private Path cloneB;
  private CredentialHelperScript helperA;
  private CredentialHelperScript helperB;
  private TrackerService a;
  private TrackerService b;

  @BeforeEach
  void twoClonesOfAnHttpRemote() throws Exception {
    // the trackers read the process's environment: a token there would bypass the helpers
    assumeThat(System.getenv(HttpCredentials.TOKEN)).isNull();
    remote = dir.resolve("served/tracker.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
    server = GitHttpServer.start(dir.resolve("served"), scratch(), USER, PASSWORD);
    cloneA = cloneOverHttp(dir.resolve("a"));
    cloneB = cloneOverHttp(dir.resolve("b"));
    helperA = CredentialHelperScript.answering(dir.resolve("helper-a"), USER, PASSWORD);
    helperA.configure(cloneA);
    helperB = CredentialHelperScript.answering(dir.resolve("helper-b"), USER, PASSWORD);
    helperB.configure(cloneB);
    a = tracker(cloneA, "ada");
    b = tracker(cloneB, "bob");
  }

  private Path scratch() throws IOException {
    return Files.createDirectories(dir.resolve("scratch"));
  }

  /** A clone of the (empty) remote whose origin is the server's URL. */
  private Path cloneOverHttp(Path clone) throws Exception {
    Git.cloneRepository()
        .setURI(remote.toUri().toString())
        .setDirectory(clone.toFile())
        .call()
        .close();
    setOrigin(clone, server.url("tracker.git"));
    return clone;
  }

  private static void setOrigin(Path clone, String url) throws IOException {
    try (Git git = Git.open(clone.toFile())) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", url);
      config.save();
    }
  }

  private static TrackerService tracker(Path clone, String actor) {
    return TrackerService.embedded(
        TrackerConfig.builder(clone)
            .readConfigFile(false)
            .environment(Map.of())
            .actor(actor)
            .build());
  }

  @AfterEach
  void closeAll() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void two_clones_sync_through_an_http_remote_with_credentials_from_a_helper() throws Exception {
    // git passes the path on to helpers only when asked to; A asks, so the test sees it was sent
    try (Git git = Git.open(cloneA.toFile())) {
      StoredConfig config = git.getRepository().getConfig();
      config.setBoolean("credential", null, "useHttpPath", true);
      config.save();
    }
    Issue fromA = a.create("created on A");
    a.sync();
    Issue fromB = b.create("created on B");
    SyncResult bReceived = b.sync();
    SyncResult aReceived = a.sync();

    assertThat(bReceived.pulled()).isTrue();
    assertThat(bReceived.pushed()).isTrue();
    assertThat(aReceived.pulled()).isTrue();
    for (TrackerService tracker : List.of(a, b)) {
      assertThat(tracker.get(fromA.id()).title()).isEqualTo("created on A");
      assertThat(tracker.get(fromB.id()).title()).isEqualTo("created on B");
    }

    // each side changes another field of one issue: both changes reach both
    a.update(fromA.id(), IssueUpdate.builder().title("retitled on A").build());
    b.update(fromA.id(), IssueUpdate.builder().priority(0).build());
    a.sync();
    SyncResult merged = b.sync();
    a.sync();

    assertThat(merged.conflicts()).isEqualTo(1);
    for (TrackerService tracker : List.of(a, b)) {
      Issue issue = tracker.get(fromA.id());
      assertThat(issue.title()).isEqualTo("retitled on A");
      assertThat(issue.priority()).isZero();
    }
    assertThat(server.unauthorized()).as("the server asked for credentials").isPositive();
    assertThat(helperA.actions()).contains("get", "store").doesNotContain("erase");
    assertThat(helperB.actions()).contains("get", "store").doesNotContain("erase");
    assertThat(helperA.calls())
        .filteredOn(call -> call.startsWith("get "))
        .first()
        .asString()
        .contains("protocol=http", "host=127.0.0.1:", "path=tracker.git");
  }

  @Test
  void wrong_credentials_fail_naming_the_remote_and_the_fix_and_the_helper_is_told_to_reject()
      throws Exception {
    // given: A is in sync, and B pushed a change A has not seen
    Issue issue = a.create("shared");
    a.sync();
    b.sync();
    b.update(issue.id(), IssueUpdate.builder().title("changed on B").build());
    b.sync();
    Snapshot before = Snapshot.of(cloneA, remote);
    helperA.answer(USER, "wrong-password");

    // when / then
    assertThatThrownBy(a::sync)
        .isInstanceOf(SyncException.class)
        .satisfies(
            failure ->
                assertThat(failure.getMessage())
                    .startsWith(
                        "origin (" + server.url("tracker.git") + ") refused the credentials")
                    .contains("git's credential helpers", "user 'ada'", "git credential approve")
                    .contains(HttpCredentials.TOKEN)
                    .doesNotContain("wrong-password", PASSWORD, "Exception", "\tat "));
    assertThat(Snapshot.of(cloneA, remote)).isEqualTo(before);
    assertThat(a.get(issue.id()).title()).isEqualTo("shared");
    assertThat(helperA.actions()).endsWith("get", "erase");
    assertThat(helperA.calls().get(helperA.calls().size() - 1))
        .contains("username=ada", "password=wrong-password");
  }

  @Test
  void no_credentials_at_all_fail_naming_the_remote_and_the_fix_without_a_prompt()
      throws Exception {
    // given: B is in sync, and A pushed a change B has not seen
    Issue issue = a.create("shared");
    a.sync();
    b.sync();
    a.update(issue.id(), IssueUpdate.builder().title("unseen").build());
    a.sync();
    int helperCalls = helperB.calls().size();
    CredentialHelperScript.configureNone(cloneB);
    b.close();
    b = tracker(cloneB, "bob");
    Snapshot before = Snapshot.of(cloneB, remote);

    assertThatThrownBy(b::sync)
        .isInstanceOf(SyncException.class)
        .satisfies(
            failure ->
                assertThat(failure.getMessage())
                    .startsWith(
                        "origin (" + server.url("tracker.git") + ") needs credentials and none")
                    .contains(HttpCredentials.TOKEN + " is not set")
                    .contains("git's credential helpers gave none", "git credential approve")
                    .doesNotContain(PASSWORD, "Exception", "\tat "));
    assertThat(Snapshot.of(cloneB, remote)).isEqualTo(before);
    assertThat(b.get(issue.id()).title()).isEqualTo("shared");
    assertThat(helperB.calls()).hasSize(helperCalls);
  }

  @Test
  void a_password_in_the_url_is_used_and_never_shown() throws Exception {
    CredentialHelperScript.configureNone(cloneA);
    String url =
        server.url("tracker.git").replace("http://", "http://" + USER + ":" + PASSWORD + "@");
    setOrigin(cloneA, url);
    a.create("through the URL's password");

    assertThat(a.sync().pushed()).isTrue();

    setOrigin(cloneA, url.replace(PASSWORD, "wrong-in-url"));
    a.create("not sent");
    assertThatThrownBy(a::sync)
        .isInstanceOf(SyncException.class)
        .satisfies(
            failure ->
                assertThat(failure.getMessage())
                    .contains("refused the credentials from the remote's URL", "git remote set-url")
                    .doesNotContain("wrong-in-url", PASSWORD));
  }

  /** What a failed sync must leave as it was: the clone's branch and file, the remote's branch. */
  private record Snapshot(ObjectId localHead, String issuesFile, ObjectId remoteHead) {

    static Snapshot of(Path clone, Path remote) throws IOException {
      return new Snapshot(
          head(clone), Files.readString(clone.resolve(".tracker/issues.jsonl")), head(remote));
    }

    private static ObjectId head(Path repository) throws IOException {
      try (Git git = Git.open(repository.toFile())) {
        Repository repo = git.getRepository();
        return repo.resolve("refs/heads/main");
      }
    }
  }
}
