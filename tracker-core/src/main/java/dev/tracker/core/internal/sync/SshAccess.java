package dev.tracker.core.internal.sync;

import java.util.Optional;
import org.eclipse.jgit.transport.Transport;

/**
 * SSH remotes ({@code ssh://}, {@code user@host:path}). Not built yet: a transport is left as JGit
 * makes it.
 *
 * <p>Whatever it creates on first use (an SSH client, its threads) it releases on {@link #close()},
 * and may create again afterwards: the {@link GitSync} that owns it reopens its repository lazily.
 */
final class SshAccess implements AutoCloseable {

  /** Sets up an SSH transport; other transports are left alone. */
  void configure(Transport transport) {}

  /** A failure of an SSH transport in words that name the remote and the fix, if it is one. */
  Optional<String> explain(String remote, Exception failure) {
    return Optional.empty();
  }

  @Override
  public void close() {}
}
