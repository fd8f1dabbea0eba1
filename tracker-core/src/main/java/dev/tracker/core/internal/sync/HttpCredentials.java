package dev.tracker.core.internal.sync;

import java.util.Optional;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Credentials of HTTP and HTTPS remotes. Not built yet: none are supplied, and nothing is ever
 * prompted for.
 */
final class HttpCredentials extends CredentialsProvider {

  @Override
  public boolean isInteractive() {
    return false;
  }

  @Override
  public boolean supports(CredentialItem... items) {
    return false;
  }

  @Override
  public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
    return false;
  }

  /** A failure of an HTTP transport in words that name the remote and the fix, if it is one. */
  Optional<String> explain(String remote, Exception failure) {
    return Optional.empty();
  }
}
