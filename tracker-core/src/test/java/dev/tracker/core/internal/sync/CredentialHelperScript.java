package dev.tracker.core.internal.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A git credential helper for tests: a shell script that answers {@code get} with one user and
 * password, and records every call ({@code get}, {@code store}, {@code erase}) with the request git
 * gave it, so a test can see that credentials were approved or rejected.
 */
final class CredentialHelperScript {

  private final Path script;
  private final Path calls;

  private CredentialHelperScript(Path directory) {
    this.script = directory.resolve("helper.sh");
    this.calls = directory.resolve("calls.log");
  }

  /** Writes a helper in the directory that answers with that user and password. */
  static CredentialHelperScript answering(Path directory, String username, String password)
      throws IOException {
    Files.createDirectories(directory);
    CredentialHelperScript helper = new CredentialHelperScript(directory);
    helper.answer(username, password);
    return helper;
  }

  /** From now on, answers with that user and password. */
  void answer(String username, String password) throws IOException {
    String text =
        """
        #!/bin/sh
        request=$(cat)
        printf '%%s %%s\\n' "$1" "$(printf '%%s' "$request" | tr '\\n' ' ')" >> '%s'
        if [ "$1" = get ]; then
          printf 'username=%%s\\npassword=%%s\\n' '%s' '%s'
        fi
        """
            .formatted(calls, username, password);
    Files.writeString(script, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
  }

  /**
   * Makes this the only credential helper of the repository: the empty entry first drops helpers of
   * the user's and the system's configuration, so a test never reads nor stores the machine's
   * credentials.
   */
  void configure(Path repository) throws IOException {
    configureHelpers(repository, List.of("", script.toString()));
  }

  /** Leaves the repository with no credential helper at all, whatever the machine configures. */
  static void configureNone(Path repository) throws IOException {
    configureHelpers(repository, List.of(""));
  }

  private static void configureHelpers(Path repository, List<String> helpers) throws IOException {
    try (var repo = new FileRepositoryBuilder().findGitDir(repository.toFile()).build()) {
      StoredConfig config = repo.getConfig();
      config.setStringList("credential", null, "helper", helpers);
      config.save();
    }
  }

  /** Each call so far: the action, then the request on one line ({@code get protocol=http ...}). */
  List<String> calls() throws IOException {
    return Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
  }

  /** The actions of the calls so far: {@code [get, store]}. */
  List<String> actions() throws IOException {
    return calls().stream().map(call -> call.split(" ", 2)[0]).toList();
  }
}
