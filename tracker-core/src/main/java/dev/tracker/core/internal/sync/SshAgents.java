package dev.tracker.core.internal.sync;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;
import org.jspecify.annotations.Nullable;

/**
 * The SSH agent, reached the way OpenSSH reaches it: the socket named by {@code IdentityAgent} in
 * the SSH config, else by {@code SSH_AUTH_SOCK}. JGit asks its {@link ConnectorFactory} for a
 * connection per session; this one speaks over the JDK's Unix domain sockets, so no native library
 * is needed.
 *
 * <p>An agent that is not configured or cannot be reached is no error, as for OpenSSH: the session
 * goes on with the key files, and the {@link SshAttempt} notes why the agent was not used, for the
 * message should the login fail. An agent that hangs holds the session's opening, which {@link
 * SshSessions} bounds by the sync's timeout; the channel is interruptible, so that ends the wait.
 */
final class SshAgents implements ConnectorFactory {

  /** The variable OpenSSH names the agent's socket with. */
  static final String AUTH_SOCK = "SSH_AUTH_SOCK";

  private static final byte REQUEST_IDENTITIES = 11;
  private static final byte IDENTITIES_ANSWER = 12;

  private static final Descriptor DEFAULT =
      new Descriptor(AUTH_SOCK, "SSH agent over a Unix domain socket");

  private final Map<String, String> environment;
  private final Supplier<@Nullable SshAttempt> attempt;

  /**
   * @param environment where {@code SSH_AUTH_SOCK} and {@code $VARIABLE} agents are looked up
   * @param attempt where the current session notes what the agent did
   */
  SshAgents(Map<String, String> environment, Supplier<@Nullable SshAttempt> attempt) {
    this.environment = environment;
    this.attempt = attempt;
  }

  @Override
  public Connector create(@Nullable String identityAgent, File homeDir) {
    return new AgentSocket(socket(identityAgent, homeDir.toPath()), attempt.get());
  }

  /**
   * The agent's socket: {@code IdentityAgent} as OpenSSH reads it ({@code SSH_AUTH_SOCK}, {@code
   * $VARIABLE}, {@code ~/path} or a path), else {@code SSH_AUTH_SOCK}; empty when neither names
   * one. ({@code IdentityAgent none} never gets here: JGit then asks for no agent.)
   */
  Optional<Path> socket(@Nullable String identityAgent, Path home) {
    String named;
    if (identityAgent == null || identityAgent.isBlank() || AUTH_SOCK.equals(identityAgent)) {
      named = environment.get(AUTH_SOCK);
    } else if (identityAgent.startsWith("$")) {
      named = environment.get(identityAgent.substring(1));
    } else {
      named = identityAgent;
    }
    if (named == null || named.isBlank()) {
      return Optional.empty();
    }
    if (named.startsWith("~/")) {
      return Optional.of(home.resolve(named.substring(2)));
    }
    return Optional.of(Path.of(named));
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public String getName() {
    return "tracker-unix-socket";
  }

  @Override
  public Collection<ConnectorDescriptor> getSupportedConnectors() {
    return List.of(DEFAULT);
  }

  @Override
  public ConnectorDescriptor getDefaultConnector() {
    return DEFAULT;
  }

  private record Descriptor(String getIdentityAgent, String getDisplayName)
      implements ConnectorDescriptor {}

  /** One session's connection to the agent: length-prefixed requests and replies. */
  private static final class AgentSocket extends AbstractConnector {
    private final Optional<Path> socket;
    private final @Nullable SshAttempt attempt;
    private @Nullable SocketChannel channel;

    AgentSocket(Optional<Path> socket, @Nullable SshAttempt attempt) {
      this.socket = socket;
      this.attempt = attempt;
    }

    @Override
    public synchronized boolean connect() {
      if (channel != null) {
        return true;
      }
      if (socket.isEmpty()) {
        note(a -> a.agent(null, "SSH_AUTH_SOCK is not set"));
        return false;
      }
      Path path = socket.get();
      try {
        SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
          opened.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException | RuntimeException e) {
          opened.close();
          throw e;
        }
        channel = opened;
        note(a -> a.agent(path, null));
        return true;
      } catch (IOException | RuntimeException e) {
        // a stale SSH_AUTH_SOCK is common: go on without the agent, as OpenSSH does
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        note(a -> a.agent(path, reason));
        return false;
      }
    }

    @Override
    public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
      SocketChannel open = channel;
      if (open == null) {
        throw new IOException("not connected to the SSH agent");
      }
      prepareMessage(command, message);
      ByteBuffer request = ByteBuffer.wrap(message);
      // an agent may wait for someone to confirm the key's use (ssh-add -c): until it answers,
      // a timeout is the agent's, not the remote's
      note(a -> a.agentAsked(true));
      while (request.hasRemaining()) {
        open.write(request);
      }
      byte[] length = new byte[4];
      readFully(open, ByteBuffer.wrap(length));
      byte[] reply = new byte[toLength(command, length)];
      readFully(open, ByteBuffer.wrap(reply));
      note(a -> a.agentAsked(false));
      if (command == REQUEST_IDENTITIES && reply.length >= 5 && reply[0] == IDENTITIES_ANSWER) {
        int keys = ByteBuffer.wrap(reply, 1, 4).getInt();
        note(a -> a.agentKeys(keys));
      }
      return reply;
    }

    private static void readFully(SocketChannel channel, ByteBuffer into) throws IOException {
      while (into.hasRemaining()) {
        if (channel.read(into) < 0) {
          throw new EOFException("the SSH agent closed the connection");
        }
      }
    }

    private void note(Consumer<SshAttempt> what) {
      if (attempt != null) {
        what.accept(attempt);
      }
    }

    @Override
    public synchronized void close() throws IOException {
      SocketChannel open = channel;
      channel = null;
      if (open != null) {
        open.close();
      }
    }
  }
}
