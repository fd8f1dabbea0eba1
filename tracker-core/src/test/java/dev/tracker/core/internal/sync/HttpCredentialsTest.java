package dev.tracker.core.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.SyncException;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where HTTP credentials come from besides a helper: {@code TRACKER_GIT_TOKEN} from an injected
 * environment, through {@link GitSync} against a real git HTTP server; and the helpers' edges: one
 * that never answers, and no git at all.
 */
class HttpCredentialsTest {

  private static final String TOKEN = "tok-1234567890";
  private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final List<GitHttpServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(GitHttpServer::close);
  }

  private Path remote() {
    return dir.resolve("served/tracker.git");
  }

  /** Serves an empty remote to one user. */
  private GitHttpServer serve(String username, String password) throws Exception {
    Git.init()
        .setBare(true)
        .setInitialBranch("main")
        .setDirectory(remote().toFile())
        .call()
        .close();
    GitHttpServer server =
        GitHttpServer.start(
            dir.resolve("served"),
            Files.createDirectories(dir.resolve("scratch")),
            username,
            password);
    servers.add(server);
    return server;
  }

  /** A clone whose origin is the server, with no credential helper at all. */
  private Path clone(GitHttpServer server, String name) throws Exception {
    Path clone = dir.resolve(name);
    Git.cloneRepository()
        .setURI(remote().toUri().toString())
        .setDirectory(clone.toFile())
        .call()
        .close();
    try (Git git = Git.open(clone.toFile())) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", server.url("tracker.git"));
      config.save();
    }
    CredentialHelperScript.configureNone(clone);
    return clone;
  }

  private static TrackerConfig config(Path clone) {
    return TrackerConfig.builder(clone)
        .readConfigFile(false)
        .environment(Map.of())
        .actor("ci")
        .build();
  }

  private static GitSync sync(TrackerConfig config, Map<String, String> environment) {
    return new GitSync(
        config,
        new JsonlCodec(),
        new HttpCredentials(config.workspace(), environment, HELPER_TIMEOUT));
  }

  /** Writes an issue into the clone's issues.jsonl the way the tracker does. */
  private static void exportIssue(TrackerConfig config, String title) {
    try (TrackerService tracker = TrackerService.embedded(config)) {
      tracker.create(title);
      tracker.exportJsonl();
    }
  }

  @Test
  void a_token_from_the_environment_carries_a_sync_between_two_clones() throws Exception {
    GitHttpServer server = serve(HttpCredentials.DEFAULT_USERNAME, TOKEN);
    TrackerConfig a = config(clone(server, "a"));
    TrackerConfig b = config(clone(server, "b"));
    exportIssue(a, "sent with a token");

    try (GitSync syncA = sync(a, Map.of(HttpCredentials.TOKEN, TOKEN));
        GitSync syncB = sync(b, Map.of(HttpCredentials.TOKEN, TOKEN))) {
      assertThat(syncA.commitFile()).isTrue();
      syncA.pull();
      assertThat(syncA.push()).isEqualTo(GitSync.Push.PUSHED);
      assertThat(syncB.pull().changed()).isTrue();
    }

    assertThat(Files.readString(b.exportPath()))
        .isEqualTo(Files.readString(a.exportPath()))
        .contains("sent with a token");
    assertThat(server.unauthorized()).as("the server asked for credentials").isPositive();
  }

  @Test
  void the_token_goes_with_tracker_git_username_when_it_is_set() throws Exception {
    GitHttpServer server = serve("ci-bot", TOKEN);
    TrackerConfig a = config(clone(server, "a"));
    exportIssue(a, "sent as ci-bot");

    try (GitSync syncA =
        sync(a, Map.of(HttpCredentials.TOKEN, TOKEN, HttpCredentials.USERNAME, "ci-bot"))) {
      syncA.commitFile();
      syncA.pull();
      assertThat(syncA.push()).isEqualTo(GitSync.Push.PUSHED);
    }
  }

  @Test
  void a_refused_token_fails_naming_the_variable_without_showing_it() throws Exception {
    GitHttpServer server = serve(HttpCredentials.DEFAULT_USERNAME, TOKEN);
    TrackerConfig a = config(clone(server, "a"));
    exportIssue(a, "never sent");

    try (GitSync syncA = sync(a, Map.of(HttpCredentials.TOKEN, "tok-wrong-0987"))) {
      syncA.commitFile();
      assertThatThrownBy(syncA::pull)
          .isInstanceOf(SyncException.class)
          .hasMessageStartingWith(
              "origin ("
                  + server.url("tracker.git")
                  + ") refused the credentials from TRACKER_GIT_TOKEN (user 'x-access-token')")
          .hasMessageContaining("Set TRACKER_GIT_TOKEN to a token this remote accepts")
          .hasMessageNotContaining("tok-wrong-0987")
          .hasMessageNotContaining("Exception");
      assertThatThrownBy(syncA::push)
          .isInstanceOf(SyncException.class)
          .hasMessageContaining("refused the credentials from TRACKER_GIT_TOKEN");
    }
    try (Git git = Git.open(remote().toFile())) {
      assertThat(git.getRepository().resolve("refs/heads/main")).as("remote unchanged").isNull();
    }
  }

  @Test
  void a_helper_that_never_answers_is_killed_after_the_timeout_and_gives_nothing()
      throws Exception {
    Path repository = dir.resolve("repo");
    Git.init().setDirectory(repository.toFile()).call().close();
    Path pidFile = dir.resolve("helper.pid");
    Path script = dir.resolve("hanging-helper.sh");
    Files.writeString(script, "#!/bin/sh\necho $$ > '" + pidFile + "'\nexec sleep 300\n");
    Files.setPosixFilePermissions(
        script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    try (Git git = Git.open(repository.toFile())) {
      StoredConfig config = git.getRepository().getConfig();
      config.setStringList("credential", null, "helper", List.of("", script.toString()));
      config.save();
    }
    GitCredentialHelpers helpers =
        new GitCredentialHelpers(repository, System.getenv(), Duration.ofSeconds(2));

    long started = System.nanoTime();
    assertThat(helpers.fill(new URIish("http://127.0.0.1:9/x.git"))).isEmpty();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    // the helper, if git got to start it before the timeout, went down with git
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      ProcessHandle.of(pid)
          .ifPresent(helper -> helper.onExit().orTimeout(30, TimeUnit.SECONDS).join());
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("helper").isEmpty();
    }
  }

  @Test
  void without_git_there_are_no_helper_credentials_and_the_failure_says_so() throws Exception {
    HttpCredentials credentials =
        new HttpCredentials(
            Map.of(),
            new GitCredentialHelpers(
                dir.resolve("no-such-git").toString(), dir, Map.of(), HELPER_TIMEOUT));
    URIish uri = new URIish("https://example.invalid/x.git");
    CredentialItem.Username username = new CredentialItem.Username();
    CredentialItem.Password password = new CredentialItem.Password();

    assertThat(credentials.get(uri, username, password)).isFalse();

    assertThat(
            credentials.explain(
                "origin (" + uri + ")", new TransportException(uri, "not authorized")))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith("origin (https://example.invalid/x.git) needs credentials")
                    .contains("git is not on the PATH", HttpCredentials.TOKEN));
  }

  @Test
  void a_credential_never_shows_its_password() {
    Credential credential = new Credential("ada", "hunter2", Credential.Source.HELPER);

    assertThat(credential.toString()).contains("ada").doesNotContain("hunter2");
  }

  @Test
  void a_failure_that_is_not_about_credentials_is_left_to_others() throws IOException {
    HttpCredentials credentials = new HttpCredentials(dir, Map.of(), HELPER_TIMEOUT);

    assertThat(credentials.explain("origin (x)", new IOException("disk full"))).isEmpty();
  }
}
