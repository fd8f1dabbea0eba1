package dev.tracker.core.internal.sync;

import dev.tracker.core.SyncException;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.URIish;
import org.jspecify.annotations.Nullable;

/**
 * How a workspace reaches its remote: every fetch and push of {@link GitSync} goes through {@link
 * #configure}, which gives the command its timeout, its credentials (HTTP) and its SSH session
 * factory; a failure goes through {@link #failure}, which says what went wrong in words that name
 * the remote and the fix. Owns what it creates (the SSH client and its threads) and releases it on
 * {@link #close()}.
 */
final class RemoteAccess implements AutoCloseable {

  private final String remote;
  private final SshAccess ssh;
  private final HttpCredentials http;

  RemoteAccess(String remote, SshAccess ssh, HttpCredentials http) {
    this.remote = remote;
    this.ssh = ssh;
    this.http = http;
  }

  /** The command, set up to reach the remote: timeout, credentials, SSH. */
  <C extends TransportCommand<C, ?>> C configure(C command) {
    return command.setCredentialsProvider(http).setTransportConfigCallback(ssh::configure);
  }

  /**
   * The fetch or push the last configured command made succeeded: credentials the remote accepted
   * may be stored by the credential helpers that gave them.
   */
  void succeeded() {
    http.accepted();
  }

  /** The remote's name and URL, as messages show them: {@code origin (ssh://host/x.git)}. */
  String describe(Repository repository) {
    return url(repository).map(url -> remote + " (" + url + ")").orElse(remote);
  }

  /** The first URL of the remote, as configured. */
  Optional<String> url(Repository repository) {
    try {
      RemoteConfig config = new RemoteConfig(repository.getConfig(), remote);
      return config.getURIs().stream().findFirst().map(URIish::toString);
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * What a failed fetch or push says: the remote, what failed and what to do, without a stack
   * trace.
   *
   * @param doing what was being done, "fetch from" or "push to"
   */
  SyncException failure(Repository repository, String doing, Exception e) {
    String where = describe(repository);
    Optional<String> explained = ssh.explain(where, e);
    if (explained.isEmpty()) {
      explained = http.explain(where, e);
    }
    return explained
        .map(message -> new SyncException(message, e))
        .orElseGet(() -> new SyncException("Cannot " + doing + " " + where + ": " + reasons(e), e));
  }

  /** JGit's messages along the cause chain: the outer one alone rarely says why. */
  static String reasons(@Nullable Throwable failure) {
    java.util.List<String> messages = new java.util.ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && messages.stream().noneMatch(known -> known.contains(message))) {
        messages.add(message);
      }
    }
    return String.join(": ", messages);
  }

  @Override
  public void close() {
    ssh.close();
  }
}
