package dev.tracker.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.jspecify.annotations.Nullable;

/**
 * A git server over SSH for tests: Apache MINA SSHD on 127.0.0.1 with a generated host key, public
 * key authentication of user {@code git} for the keys a test authorizes, and {@code
 * git-upload-pack} / {@code git-receive-pack} served by JGit for the bare repositories under one
 * directory. Its threads (MINA's and one per git command) live in a thread group of its own; {@link
 * #close()} stops the server and waits for all of them.
 */
final class GitSshServer implements AutoCloseable {

  static final String USER = "git";

  private final Path repositories;
  private final KeyPair hostKey;
  private final Set<PublicKey> authorized = new CopyOnWriteArraySet<>();
  private final ThreadGroup threads = new ThreadGroup("git-ssh-server");
  private final SshServer server;

  private GitSshServer(Path repositories, KeyPair hostKey) {
    this.repositories = repositories;
    this.hostKey = hostKey;
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(
        (user, key, session) ->
            USER.equals(user)
                && authorized.stream().anyMatch(known -> KeyUtils.compareKeys(known, key)));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, command) -> new GitCommand(command));
  }

  /** Starts a server for the bare repositories under {@code repositories}. */
  static GitSshServer start(Path repositories) throws Exception {
    GitSshServer started = new GitSshServer(repositories, newKeyPair());
    // MINA's thread factories take the group of the thread that starts the server
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread starter =
        new Thread(
            started.threads,
            () -> {
              try {
                started.server.start();
                listening.complete(null);
              } catch (IOException | RuntimeException e) {
                listening.completeExceptionally(e);
              }
            },
            "git-ssh-server-start");
    starter.start();
    listening.get();
    starter.join();
    return started;
  }

  /** A new ECDSA key pair (P-256), which the JDK makes without any extra provider. */
  static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  /** Writes a private key in OpenSSH's format, encrypted when a passphrase is given. */
  static Path writePrivateKey(KeyPair key, Path file, @Nullable String passphrase)
      throws IOException, GeneralSecurityException {
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase != null) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setPassword(passphrase);
      encryption.setCipherType("256");
    }
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, out);
    }
    Files.writeString(
        file.resolveSibling(file.getFileName() + ".pub"),
        PublicKeyEntry.toString(key.getPublic()) + " test\n");
    return file;
  }

  /** Lets {@link #USER} log in with this key. */
  void authorize(PublicKey key) {
    authorized.add(key);
  }

  int port() {
    return server.getPort();
  }

  /** {@code ssh://git@127.0.0.1:<port>/<repository>}. */
  String url(String repository) {
    return "ssh://" + USER + "@127.0.0.1:" + port() + "/" + repository;
  }

  /** How known_hosts names this server: {@code [127.0.0.1]:<port>}. */
  String knownHostsName() {
    return "[127.0.0.1]:" + port();
  }

  /**
   * A known_hosts line for this server with the given key: its own, or another to fake a change.
   */
  String knownHostsLine(PublicKey key) {
    return knownHostsName() + " " + PublicKeyEntry.toString(key) + "\n";
  }

  /** The known_hosts line for this server's real host key. */
  String knownHostsLine() {
    return knownHostsLine(hostKey.getPublic());
  }

  /** Stops the server and waits for every thread it started. */
  @Override
  public void close() throws IOException {
    server.stop(true);
    Thread[] started = new Thread[threads.activeCount() + 16];
    int count = threads.enumerate(started, true);
    List<Thread> alive = new ArrayList<>(Arrays.asList(started).subList(0, count));
    try {
      for (Thread thread : alive) {
        thread.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the server's threads", e);
    }
  }

  /** {@code git-upload-pack '<path>'} or {@code git-receive-pack '<path>'}, served by JGit. */
  private final class GitCommand implements Command {
    private final String command;
    private @Nullable InputStream in;
    private @Nullable OutputStream out;
    private @Nullable OutputStream err;
    private @Nullable ExitCallback exit;

    GitCommand(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      // a thread made by a server thread belongs to the server's group
      new Thread(this::run, "git-ssh-server-command").start();
    }

    private void run() {
      InputStream input = java.util.Objects.requireNonNull(in);
      OutputStream output = java.util.Objects.requireNonNull(out);
      OutputStream error = java.util.Objects.requireNonNull(err);
      ExitCallback callback = java.util.Objects.requireNonNull(exit);
      int space = command.indexOf(' ');
      try {
        if (space < 0) {
          throw new IOException("unknown command " + command);
        }
        String program = command.substring(0, space);
        String path = command.substring(space + 1).replace("'", "").replaceFirst("^/", "");
        Path gitDir = repositories.resolve(path).normalize();
        if (!gitDir.startsWith(repositories) || !Files.isDirectory(gitDir)) {
          throw new IOException("no repository " + path);
        }
        try (Repository repository =
            new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
          switch (program) {
            case "git-upload-pack" -> new UploadPack(repository).upload(input, output, error);
            case "git-receive-pack" -> new ReceivePack(repository).receive(input, output, error);
            default -> throw new IOException("unknown command " + program);
          }
        }
        output.flush();
        callback.onExit(0);
      } catch (IOException | RuntimeException e) {
        try {
          error.write((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
          error.flush();
        } catch (IOException ignored) {
          // the client is gone; the exit status still says it failed
        }
        callback.onExit(1, String.valueOf(e.getMessage()));
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
