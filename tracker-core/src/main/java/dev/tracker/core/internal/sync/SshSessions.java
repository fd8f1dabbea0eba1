package dev.tracker.core.internal.sync;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.DefaultProxyDataFactory;
import org.eclipse.jgit.transport.sshd.KeyCache;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSession;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;
import org.eclipse.jgit.util.FS;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGit's MINA SSHD session factory, made strict and silent for a program that nobody watches: host
 * keys must match {@code known_hosts} whatever {@code StrictHostKeyChecking} says, keys that need a
 * passphrase are not asked for one (the SSH agent, where one runs, may hold them: {@link
 * SshAgents}), only public-key authentication is tried first, and what happened is written to the
 * current {@link SshAttempt}.
 *
 * <p>A subclass rather than {@code SshdSessionFactoryBuilder}: the builder can replace the
 * known-hosts database but not wrap JGit's own (which reads OpenSSH's files with their hashed
 * names, ports and markers, and lives in an internal package), and it offers no hook to start the
 * client in a thread group of ours.
 *
 * <p>JGit starts one MINA client per session, from the thread that opens the session; MINA's thread
 * factories put their threads in that thread's group. Sessions are therefore opened from a
 * short-lived thread in a group this factory owns, so that {@link #close()} can find and join every
 * thread MINA started for it. MINA names them itself ({@code sshd-JGitSshClient[...]-nio2-...});
 * the group carries the owner's name.
 */
final class SshSessions extends SshdSessionFactory {

  private static final Logger LOG = LoggerFactory.getLogger(SshSessions.class);

  /** How long close() waits for MINA's threads, which stop as soon as their client is closed. */
  private static final long JOIN_LIMIT_MILLIS = 10_000;

  private final Path sshDirectory;
  private final String name;
  private final ThreadGroup threads;
  private final TriedKeys keys;
  private final SshAgents agents;
  private volatile @Nullable SshAttempt attempt;

  /**
   * @param environment where the SSH agent's socket is looked up ({@code SSH_AUTH_SOCK})
   */
  SshSessions(Path sshDirectory, String name, Map<String, String> environment) {
    this(sshDirectory, name, environment, new TriedKeys());
  }

  private SshSessions(
      Path sshDirectory, String name, Map<String, String> environment, TriedKeys keys) {
    super(keys, new DefaultProxyDataFactory());
    this.sshDirectory = sshDirectory;
    this.name = name;
    this.keys = keys;
    this.threads = new ThreadGroup(name);
    this.agents = new SshAgents(environment, () -> attempt);
    setSshDirectory(sshDirectory.toFile());
  }

  /** Where the next session writes what happens. */
  void attempt(SshAttempt next) {
    attempt = next;
    keys.attempt = next;
  }

  @Override
  public SshdSession getSession(
      URIish uri, CredentialsProvider credentials, FS fs, int timeoutMillis)
      throws TransportException {
    CompletableFuture<SshdSession> opened = new CompletableFuture<>();
    Thread connect =
        new Thread(
            threads,
            () -> {
              try {
                opened.complete(super.getSession(uri, credentials, fs, timeoutMillis));
              } catch (TransportException | RuntimeException e) {
                opened.completeExceptionally(e);
              }
            },
            name + "-connect");
    connect.start();
    try {
      // JGit bounds the TCP connection by the timeout, not the server's silence after it: a
      // server that accepts and never speaks would hold the sync for ever
      SshdSession session =
          timeoutMillis > 0 ? opened.get(timeoutMillis, TimeUnit.MILLISECONDS) : opened.get();
      SshAttempt current = attempt;
      if (current != null) {
        current.loggedIn();
      }
      return session;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connect.interrupt();
      throw new TransportException(uri, "interrupted while connecting", e);
    } catch (TimeoutException e) {
      connect.interrupt();
      var unused = opened.thenAccept(SshdSession::disconnect); // should it open after all
      throw new TransportException(
          uri, "timed out: no SSH session within " + timeoutMillis + " ms", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransportException transport) {
        throw transport;
      }
      throw new TransportException(uri, String.valueOf(e.getCause()), e.getCause());
    }
  }

  @Override
  protected ServerKeyDatabase createServerKeyDatabase(File homeDir, File sshDir) {
    return new KnownHosts(super.createServerKeyDatabase(homeDir, sshDir));
  }

  @Override
  protected @Nullable ConnectorFactory getConnectorFactory() {
    return agents;
  }

  @Override
  protected KeyPasswordProvider createKeyPasswordProvider(CredentialsProvider provider) {
    return new NoPassphrase();
  }

  @Override
  protected List<Path> getDefaultIdentities(File sshDir) {
    return SshAttempt.DEFAULT_IDENTITIES.stream()
        .map(key -> sshDir.toPath().resolve(key))
        .filter(Files::isRegularFile)
        .toList();
  }

  @Override
  protected String getDefaultPreferredAuthentications() {
    // a password or keyboard-interactive login would need someone to type; the SSH config may
    // still ask for them, and the credentials provider then has nothing to give
    return "publickey";
  }

  /** Closes the factory and waits for every thread MINA started for its sessions. */
  @Override
  public void close() {
    super.close();
    Thread[] started = new Thread[threads.activeCount() + 16];
    int count = threads.enumerate(started, true);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_LIMIT_MILLIS);
    List<String> alive = new ArrayList<>();
    try {
      for (Thread thread : Arrays.asList(started).subList(0, count)) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left > 0) {
          thread.join(left);
        }
        if (thread.isAlive()) {
          alive.add(thread.getName());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!alive.isEmpty()) {
      LOG.warn("{}: SSH threads still running after close: {}", name, alive);
    }
  }

  /** JGit's known hosts, with every unknown or changed key refused and the refusal recorded. */
  private final class KnownHosts implements ServerKeyDatabase {
    private final ServerKeyDatabase delegate;

    KnownHosts(ServerKeyDatabase delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<PublicKey> lookup(
        String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
      return delegate.lookup(connectAddress, remoteAddress, config);
    }

    @Override
    public boolean accept(
        String connectAddress,
        InetSocketAddress remoteAddress,
        PublicKey serverKey,
        Configuration config,
        @Nullable CredentialsProvider provider) {
      SshAttempt current = attempt;
      if (current != null) {
        current.reached(connectAddress, config.getUsername(), knownHostsFile(config));
      }
      // no provider: nothing can be asked, and REQUIRE_MATCH never writes the files
      if (delegate.accept(connectAddress, remoteAddress, serverKey, new Strict(config), null)) {
        return true;
      }
      if (current != null) {
        boolean known = !delegate.lookup(connectAddress, remoteAddress, config).isEmpty();
        current.refused(
            new SshAttempt.Refusal(
                known, KeyUtils.getKeyType(serverKey), KeyUtils.getFingerPrint(serverKey)));
      }
      return false;
    }
  }

  /** The file a user adds a host key to: the SSH config's first, else {@code known_hosts}. */
  private String knownHostsFile(ServerKeyDatabase.Configuration config) {
    List<String> files = config.getUserKnownHostsFiles();
    return files == null || files.isEmpty()
        ? sshDirectory.resolve("known_hosts").toString()
        : files.get(0);
  }

  /** The SSH config's known-hosts settings, with host keys required to match. */
  private record Strict(ServerKeyDatabase.Configuration config)
      implements ServerKeyDatabase.Configuration {
    @Override
    public List<String> getUserKnownHostsFiles() {
      return config.getUserKnownHostsFiles();
    }

    @Override
    public List<String> getGlobalKnownHostsFiles() {
      return config.getGlobalKnownHostsFiles();
    }

    @Override
    public StrictHostKeyChecking getStrictHostKeyChecking() {
      return StrictHostKeyChecking.REQUIRE_MATCH;
    }

    @Override
    public boolean getHashKnownHosts() {
      return config.getHashKnownHosts();
    }

    @Override
    public String getUsername() {
      return config.getUsername();
    }
  }

  /** Answers every passphrase request with none, after noting which key asked. */
  private final class NoPassphrase implements KeyPasswordProvider {
    @Override
    public char @Nullable [] getPassphrase(URIish uri, int attempt) {
      SshAttempt current = SshSessions.this.attempt;
      if (current != null) {
        current.needsPassphrase(uri.getPath() != null ? uri.getPath() : uri.toString());
      }
      return null;
    }

    @Override
    public void setAttempts(int attempts) {}

    @Override
    public boolean keyLoaded(URIish uri, int attempt, @Nullable Exception error) {
      return false;
    }
  }

  /** Loads keys each time, caching none, and notes which were tried. */
  private static final class TriedKeys implements KeyCache {
    volatile @Nullable SshAttempt attempt;

    @Override
    public KeyPair get(Path path, Function<? super Path, ? extends KeyPair> loader) {
      SshAttempt current = attempt;
      if (current != null) {
        current.triedKey(path);
      }
      return loader.apply(path);
    }

    @Override
    public void close() {}
  }
}
