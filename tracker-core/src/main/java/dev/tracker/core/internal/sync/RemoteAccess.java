package dev.tracker.core.internal.sync;

import dev.tracker.core.SyncException;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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

  /** The transports that work, as the refusal of another one lists them. */
  static final String SUPPORTED =
      "a local path or file://, ssh:// or user@host:path (SSH), https:// or http://";

  // git:// is left out: it has no authentication, no host serves it any more, and JGit bounds its
  // waits by interrupting the waiting thread, which a blocked socket read does not notice
  private static final Set<String> SCHEMES = Set.of("file", "ssh", "http", "https");

  private final String remote;
  private final Duration timeout;
  private final SshAccess ssh;
  private final HttpCredentials http;

  RemoteAccess(String remote, Duration timeout, SshAccess ssh, HttpCredentials http) {
    this.remote = remote;
    this.timeout = timeout;
    this.ssh = ssh;
    this.http = http;
  }

  /**
   * The command, set up to reach the remote: its timeout (to connect, and for each answer it waits
   * for; JGit counts in whole seconds, so a part of one is a whole one), credentials, SSH.
   */
  <C extends TransportCommand<C, ?>> C configure(C command) {
    return command
        .setTimeout(timeoutSeconds())
        .setCredentialsProvider(http)
        .setTransportConfigCallback(ssh::configure);
  }

  private int timeoutSeconds() {
    long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, seconds));
  }

  /**
   * Refuses, before any connection is tried, a remote whose transport this library cannot use, with
   * the list of what works.
   *
   * @throws SyncException naming the remote, its URL and what works
   */
  void check(Repository repository) {
    Optional<String> url = url(repository);
    if (url.isEmpty()) {
      return; // no such remote, or no URL: JGit's own message says which
    }
    String scheme = scheme(url.get());
    if (!SCHEMES.contains(scheme)) {
      throw new SyncException(
          describe(repository)
              + " uses "
              + scheme
              + "://, which tracker cannot reach; what works: "
              + SUPPORTED);
    }
  }

  /**
   * The scheme of a remote URL: {@code ssh} for scp-style {@code host:path}, {@code file} for a
   * path.
   */
  static String scheme(String url) {
    try {
      URIish uri = new URIish(url);
      if (uri.getScheme() != null) {
        return uri.getScheme().toLowerCase(Locale.ROOT);
      }
      return uri.getHost() != null ? "ssh" : "file";
    } catch (URISyntaxException e) {
      return "file"; // JGit opens it as a path, and says so if there is none
    }
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
    } catch (URISyntaxException e) {
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
    if (timedOut(e)) {
      String silent =
          ssh.silentAgent()
              .map(agent -> "The SSH agent at " + agent + ", asked for a key for " + where + ",")
              .orElse(where);
      return new SyncException(
          silent
              + " did not answer within "
              + shown(timeout)
              + " (sync.timeout); the next sync tries again",
          e);
    }
    Optional<String> explained = ssh.explain(where, e);
    if (explained.isEmpty()) {
      explained = http.explain(where, e);
    }
    return explained
        .map(message -> new SyncException(message, e))
        .orElseGet(() -> new SyncException("Cannot " + doing + " " + where + ": " + reasons(e), e));
  }

  /** A duration as a person reads it: {@code 30 s}, {@code 1500 ms}. */
  static String shown(Duration duration) {
    return duration.toNanosPart() % 1_000_000_000 == 0 && duration.toMillisPart() == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  /** Whether a failure is the remote not answering in time, as the JDK or JGit says it. */
  private static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return true; // SocketTimeoutException among them
      }
      String message = t.getMessage();
      if (message != null && TIMED_OUT.matcher(message).find()) {
        return true;
      }
    }
    return false;
  }

  // JGit's words for a timeout: "Read timed out", "timeout", "Connection timed out"
  private static final Pattern TIMED_OUT =
      Pattern.compile("timed out|\\btimeout\\b", Pattern.CASE_INSENSITIVE);

  /** JGit's messages along the cause chain: the outer one alone rarely says why. */
  static String reasons(@Nullable Throwable failure) {
    List<String> messages = new ArrayList<>();
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
