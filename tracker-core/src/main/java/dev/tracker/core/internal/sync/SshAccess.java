package dev.tracker.core.internal.sync;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * SSH remotes ({@code ssh://[user@]host[:port]/path}, {@code [user@]host:path}) through JGit's
 * Apache MINA SSHD transport, with the {@code config}, {@code known_hosts} and keys of one SSH
 * directory ({@code git.ssh-directory}) and the SSH agent, where one runs ({@code IdentityAgent},
 * {@code SSH_AUTH_SOCK}). Unknown and changed host keys are refused, and nothing is ever prompted
 * for; {@link #explain} words what went wrong with the remote and the fix.
 *
 * <p>The session factory, and MINA's threads with it, is created on the first SSH fetch or push and
 * released by {@link #close()}, which waits for those threads; it may be created again afterwards:
 * the {@link GitSync} that owns this reopens its repository lazily.
 *
 * <p>Not thread-safe, like {@link GitSync}: one fetch or push at a time.
 */
final class SshAccess implements AutoCloseable {

  private final Path sshDirectory;
  private final String owner;
  private @Nullable SshSessions sessions;
  private @Nullable SshAttempt attempt;

  /**
   * @param sshDirectory where {@code config}, {@code known_hosts} and the keys are
   * @param owner who the threads belong to, for their group's name: the workspace
   */
  SshAccess(Path sshDirectory, String owner) {
    this.sshDirectory = sshDirectory;
    this.owner = owner;
  }

  /** Sets up an SSH transport; other transports are left alone. */
  void configure(Transport transport) {
    if (transport instanceof SshTransport ssh) {
      // the command's credentials are HTTP's: an SSH server that asks for a password (a user's
      // PreferredAuthentications) must not be offered what a credential helper gave for HTTP
      transport.setCredentialsProvider(null);
      SshSessions current = sessions;
      if (current == null) {
        current = new SshSessions(sshDirectory, "tracker-ssh[" + owner + "]", System.getenv());
        sessions = current;
      }
      SshAttempt started = new SshAttempt(transport.getURI());
      attempt = started;
      current.attempt(started);
      ssh.setSshSessionFactory(current);
    } else {
      attempt = null;
    }
  }

  /** A failure of an SSH transport in words that name the remote and the fix, if it is one. */
  Optional<String> explain(String remote, Exception failure) {
    SshAttempt last = attempt;
    return last == null ? Optional.empty() : last.explain(remote, sshDirectory);
  }

  /** The SSH agent the last connection was still waiting for, if it was. */
  Optional<Path> silentAgent() {
    SshAttempt last = attempt;
    return last == null ? Optional.empty() : last.silentAgent();
  }

  /** Releases the session factory and waits for the threads it started. Idempotent. */
  @Override
  public void close() {
    SshSessions current = sessions;
    sessions = null;
    attempt = null;
    if (current != null) {
      current.close();
    }
  }
}
