package dev.tracker.core.internal.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.transport.URIish;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * git's own credential helpers, asked the way git asks them: {@code git credential fill}, {@code
 * approve} and {@code reject}, run in the workspace's repository so that its {@code
 * credential.helper} configuration applies.
 *
 * <p>Nothing can prompt: {@code GIT_TERMINAL_PROMPT=0}, an empty {@code GIT_ASKPASS} (empty rather
 * than absent, because git then skips {@code core.askPass} and {@code SSH_ASKPASS} too), standard
 * input closed after the request, and every run bounded by a timeout after which git and whatever
 * it started are killed. No thread is started: output goes to files read once git has ended.
 */
final class GitCredentialHelpers {

  private static final Logger LOG = LoggerFactory.getLogger(GitCredentialHelpers.class);

  private final String git;
  private final Path directory;
  private final Map<String, String> environment;
  private final Duration timeout;
  private volatile boolean gitMissing;

  /**
   * @param directory where git runs: the workspace, inside its repository
   * @param environment the environment git inherits, before prompting is turned off
   * @param timeout how long one run of git may take
   */
  GitCredentialHelpers(Path directory, Map<String, String> environment, Duration timeout) {
    this("git", directory, environment, timeout);
  }

  /** With another git executable: tests name one that does not exist. */
  GitCredentialHelpers(
      String git, Path directory, Map<String, String> environment, Duration timeout) {
    this.git = git;
    this.directory = directory;
    this.environment = Map.copyOf(environment);
    this.timeout = timeout;
  }

  /** What the helpers know for the URL, if they know a user and a password. */
  Optional<Credential> fill(URIish uri) {
    Optional<String> request = request(uri, uri.getUser(), null);
    if (request.isEmpty()) {
      return Optional.empty();
    }
    Optional<Run> run = run("fill", request.get());
    if (run.isEmpty()) {
      return Optional.empty();
    }
    if (run.get().exitCode() != 0) {
      LOG.debug("git credential fill for {} gave nothing: {}", describe(uri), run.get().error());
      return Optional.empty();
    }
    Map<String, String> answer = new HashMap<>();
    for (String line : run.get().output().lines().toList()) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        answer.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    String username = answer.get("username");
    String password = answer.get("password");
    if (username == null || password == null) {
      return Optional.empty();
    }
    return Optional.of(new Credential(username, password, Credential.Source.HELPER));
  }

  /** Tells the helpers the remote accepted the credential, so they may store it. */
  void approve(URIish uri, Credential credential) {
    tell("approve", uri, credential);
  }

  /** Tells the helpers the remote refused the credential, so they forget it. */
  void reject(URIish uri, Credential credential) {
    tell("reject", uri, credential);
  }

  /** Whether the last run found no {@code git} to run. */
  boolean gitMissing() {
    return gitMissing;
  }

  private void tell(String action, URIish uri, Credential credential) {
    request(uri, credential.username(), credential.password())
        .flatMap(request -> run(action, request))
        .filter(run -> run.exitCode() != 0)
        .ifPresent(
            run ->
                LOG.warn(
                    "git credential {} for {} failed: {}", action, describe(uri), run.error()));
  }

  /**
   * The request on git's standard input, in git's credential format; absent when a value holds a
   * line break, which the format cannot carry.
   */
  private static Optional<String> request(
      URIish uri, @Nullable String username, @Nullable String password) {
    String path = uri.getPath();
    if (path != null && path.startsWith("/")) {
      path = path.substring(1);
    }
    String host = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    Map<String, @Nullable String> values = new java.util.LinkedHashMap<>();
    values.put("protocol", uri.getScheme());
    values.put("host", host);
    values.put("path", path == null || path.isEmpty() ? null : path);
    values.put("username", username);
    values.put("password", password);
    StringBuilder request = new StringBuilder();
    for (Map.Entry<String, @Nullable String> value : values.entrySet()) {
      String text = value.getValue();
      if (text == null) {
        continue;
      }
      if (text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0) {
        LOG.warn(
            "Not asking git's credential helpers for {}: its {} holds a line break",
            describe(uri),
            value.getKey());
        return Optional.empty();
      }
      request.append(value.getKey()).append('=').append(text).append('\n');
    }
    // the blank line ends the request, as git's own callers end it
    return Optional.of(request.append('\n').toString());
  }

  /** One run of git; absent when git could not be started or did not end in time. */
  private Optional<Run> run(String action, String request) {
    Path output = null;
    Path error = null;
    Process process = null;
    try {
      output = Files.createTempFile("tracker-credential-", ".out");
      error = Files.createTempFile("tracker-credential-", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(List.of(git, "credential", action))
              .directory(directory.toFile())
              .redirectOutput(output.toFile())
              .redirectError(error.toFile());
      Map<String, String> env = builder.environment();
      env.clear();
      env.putAll(environment);
      env.put("GIT_TERMINAL_PROMPT", "0");
      env.put("GIT_ASKPASS", "");
      env.remove("SSH_ASKPASS");
      try {
        process = builder.start();
      } catch (IOException e) {
        gitMissing = true;
        LOG.debug("Cannot run git credential {}: {}", action, e.getMessage());
        return Optional.empty();
      }
      gitMissing = false;
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(request.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // git ended before reading all of it; its exit code and error say why
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "git credential {} did not end within {} ms; killed it", action, timeout.toMillis());
        return Optional.empty();
      }
      return Optional.of(
          new Run(
              process.exitValue(),
              Files.readString(output, StandardCharsets.UTF_8),
              Files.readString(error, StandardCharsets.UTF_8).strip()));
    } catch (IOException e) {
      LOG.warn("Cannot run git credential {}: {}", action, e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (process != null && process.isAlive()) {
        // timed out or interrupted: a helper waiting on something must not outlive the sync
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
      delete(output);
      delete(error);
    }
  }

  private static void delete(@Nullable Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.debug("Cannot delete {}: {}", file, e.getMessage());
      }
    }
  }

  /** The URL as logs show it: never with a password. */
  private static String describe(URIish uri) {
    return uri.setPass(null).toString();
  }

  private record Run(int exitCode, String output, String error) {}
}
