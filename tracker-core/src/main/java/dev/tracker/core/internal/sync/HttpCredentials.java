package dev.tracker.core.internal.sync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.jspecify.annotations.Nullable;

/**
 * Credentials of HTTP and HTTPS remotes, found in this order and never prompted for:
 *
 * <ol>
 *   <li>{@code TRACKER_GIT_TOKEN} in the environment (for CI), with the user {@code
 *       TRACKER_GIT_USERNAME}, else {@value #DEFAULT_USERNAME}, which GitHub accepts with any
 *       token;
 *   <li>a user and password written in the remote's URL;
 *   <li>git's credential helpers ({@link GitCredentialHelpers}), asked as git asks them.
 * </ol>
 *
 * <p>JGit asks for credentials when the server answers 401, and calls {@link #reset} when the ones
 * it was given were refused: the helpers are then told to reject them, and nothing more is offered
 * for the rest of that fetch or push, so JGit fails with "not authorized" after one refusal. When
 * the fetch or push succeeds ({@link #accepted()}), the helpers are told to approve what they gave.
 * {@link #explain} turns such a failure into a message that names the remote, where the credentials
 * came from and the fix.
 *
 * <p>State is per fetch or push, which {@link GitSync} runs one at a time; the methods are
 * synchronized all the same, since JGit calls them from the thread that runs the transport.
 */
final class HttpCredentials extends CredentialsProvider {

  /** The variable holding the token or password. */
  static final String TOKEN = "TRACKER_GIT_TOKEN";

  /** The variable holding the user the token goes with. */
  static final String USERNAME = "TRACKER_GIT_USERNAME";

  /** The user of {@code TRACKER_GIT_TOKEN} unless {@code TRACKER_GIT_USERNAME} is set. */
  static final String DEFAULT_USERNAME = "x-access-token";

  /** How long one run of {@code git credential} may take. */
  static final Duration HELPER_TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, String> environment;
  private final GitCredentialHelpers helpers;

  /** What was handed out in this fetch or push and is not known to be refused. */
  private @Nullable Given given;

  /** Why this fetch or push got no credentials the remote accepted, once it is known. */
  private @Nullable Refusal refusal;

  /** Credentials from the process's environment and the helpers of the repository in directory. */
  HttpCredentials(Path directory) {
    this(directory, System.getenv(), HELPER_TIMEOUT);
  }

  /**
   * @param directory where {@code git credential} runs: the workspace, inside its repository
   * @param environment where {@code TRACKER_GIT_TOKEN} is looked up, and what git inherits
   * @param helperTimeout how long one run of {@code git credential} may take
   */
  HttpCredentials(Path directory, Map<String, String> environment, Duration helperTimeout) {
    this(environment, new GitCredentialHelpers(directory, environment, helperTimeout));
  }

  /**
   * @param environment where {@code TRACKER_GIT_TOKEN} is looked up
   * @param helpers the credential helpers to ask
   */
  HttpCredentials(Map<String, String> environment, GitCredentialHelpers helpers) {
    this.environment = Map.copyOf(environment);
    this.helpers = helpers;
  }

  @Override
  public boolean isInteractive() {
    return false;
  }

  @Override
  public boolean supports(CredentialItem... items) {
    for (CredentialItem item : items) {
      if (!(item instanceof CredentialItem.Username || item instanceof CredentialItem.Password)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized boolean get(URIish uri, CredentialItem... items)
      throws UnsupportedCredentialItem {
    if (!supports(items)) {
      throw new UnsupportedCredentialItem(uri, "only a user and a password can be supplied");
    }
    if (refusal != null) {
      // refused once in this fetch or push: asking again would offer the same again
      return false;
    }
    Optional<Credential> found = find(uri);
    if (found.isEmpty()) {
      refusal = new Refusal(null, helpers.gitMissing());
      return false;
    }
    Credential credential = found.get();
    for (CredentialItem item : items) {
      if (item instanceof CredentialItem.Username username) {
        username.setValue(credential.username());
      } else if (item instanceof CredentialItem.Password password) {
        password.setValue(credential.password().toCharArray());
      }
    }
    given = new Given(uri, credential);
    return true;
  }

  private Optional<Credential> find(URIish uri) {
    String token = environment.get(TOKEN);
    if (token != null && !token.isEmpty()) {
      String username = environment.get(USERNAME);
      return Optional.of(
          new Credential(
              username == null || username.isEmpty() ? DEFAULT_USERNAME : username,
              token,
              Credential.Source.ENVIRONMENT));
    }
    if (uri.getUser() != null && uri.getPass() != null) {
      return Optional.of(new Credential(uri.getUser(), uri.getPass(), Credential.Source.URL));
    }
    return helpers.fill(uri);
  }

  /** JGit calls this when the remote refused what {@link #get} gave. */
  @Override
  public synchronized void reset(URIish uri) {
    Given refused = given;
    given = null;
    if (refused == null) {
      return;
    }
    refusal = new Refusal(refused.credential(), false);
    if (refused.credential().source() == Credential.Source.HELPER) {
      helpers.reject(refused.uri(), refused.credential());
    }
  }

  /** The fetch or push succeeded: the helpers may store what they gave. Ends its state. */
  synchronized void accepted() {
    Given accepted = given;
    given = null;
    refusal = null;
    if (accepted != null && accepted.credential().source() == Credential.Source.HELPER) {
      helpers.approve(accepted.uri(), accepted.credential());
    }
  }

  /**
   * A failure of an HTTP transport in words that name the remote and the fix, if it is one: the
   * remote wanted credentials and got none it accepted. Ends the state of the fetch or push.
   *
   * @param remote the remote as messages show it, {@code origin (https://host/x.git)}, without a
   *     password
   */
  synchronized Optional<String> explain(String remote, Exception failure) {
    Refusal why = refusal;
    given = null;
    refusal = null;
    if (why == null || !causedByTransport(failure)) {
      return Optional.empty();
    }
    Credential refused = why.refused();
    if (refused == null) {
      return Optional.of(
          remote
              + " needs credentials and none were found: "
              + TOKEN
              + " is not set and "
              + (why.gitMissing()
                  ? "git is not on the PATH to ask its credential helpers"
                  : "git's credential helpers gave none")
              + ". Store them for this remote with 'git credential approve' or a credential"
              + " helper (git config credential.helper), or set "
              + TOKEN
              + ", then sync again");
    }
    return Optional.of(
        remote
            + " refused the credentials from "
            + refused.source().description()
            + " (user '"
            + refused.username()
            + "'). "
            + fix(refused.source())
            + ", then sync again");
  }

  private static String fix(Credential.Source source) {
    return switch (source) {
      case ENVIRONMENT ->
          "Set "
              + TOKEN
              + " to a token this remote accepts (and "
              + USERNAME
              + " if it needs a user other than "
              + DEFAULT_USERNAME
              + ")";
      case URL ->
          "Correct the password in the URL with 'git remote set-url', or take it out and use a"
              + " credential helper or "
              + TOKEN;
      case HELPER ->
          "The helpers were told to forget them; store the right ones with 'git credential"
              + " approve' or your credential helper, or set "
              + TOKEN;
    };
  }

  private static boolean causedByTransport(@Nullable Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TransportException) {
        return true;
      }
    }
    return false;
  }

  private record Given(URIish uri, Credential credential) {}

  /**
   * @param refused what the remote refused; null when nothing was found to offer
   * @param gitMissing whether git could not be run to ask the helpers
   */
  private record Refusal(@Nullable Credential refused, boolean gitMissing) {}
}
