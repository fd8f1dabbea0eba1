package dev.tracker.core.internal.sync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;
import org.jspecify.annotations.Nullable;

/**
 * What happened while one fetch or push connected over SSH: the host and user it reached, whether
 * the host key was refused, which keys were tried, which needed a passphrase, whether it logged in.
 * Written by MINA's threads while the connection is made, read by the sync's thread after it
 * failed, to say what went wrong in words that name the fix; JGit's own exception says little more
 * than "Cannot log in".
 */
final class SshAttempt {

  /** The default identities, in the order they are tried. */
  static final List<String> DEFAULT_IDENTITIES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

  private static final Pattern HOST_AND_PORT = Pattern.compile("\\[(.*)]:(\\d+)");

  /** A host key the known hosts did not vouch for. */
  record Refusal(boolean hostKnown, String keyType, String fingerprint) {}

  private final URIish uri;
  private volatile @Nullable String host;
  private volatile @Nullable String user;
  private volatile @Nullable String knownHosts;
  private volatile @Nullable Refusal refusal;
  private volatile boolean loggedIn;
  private volatile @Nullable Path agent;
  private volatile @Nullable String agentFailure;
  private volatile int agentKeys;
  private volatile boolean agentAsked;
  private final List<String> keysTried = new CopyOnWriteArrayList<>();
  private final List<String> keysWithPassphrase = new CopyOnWriteArrayList<>();

  SshAttempt(URIish uri) {
    this.uri = uri;
  }

  /**
   * The server presented its host key.
   *
   * @param host as known hosts name it: {@code host}, or {@code [host]:port} off port 22
   */
  void reached(String host, @Nullable String user, @Nullable String knownHosts) {
    this.host = host;
    this.user = user;
    this.knownHosts = knownHosts;
  }

  void refused(Refusal refusal) {
    this.refusal = refusal;
  }

  void triedKey(Path key) {
    keysTried.add(key.toString());
  }

  void needsPassphrase(String key) {
    keysWithPassphrase.add(key);
  }

  /**
   * The session looked for the SSH agent.
   *
   * @param socket where it looked, or null if nothing named a socket
   * @param failure why the agent is not used, or null if it was reached
   */
  void agent(@Nullable Path socket, @Nullable String failure) {
    this.agent = socket;
    this.agentFailure = failure;
  }

  /** The agent offered this many keys. */
  void agentKeys(int count) {
    this.agentKeys = count;
  }

  /** A request to the agent is waiting for its answer (true), or got it (false). */
  void agentAsked(boolean waiting) {
    this.agentAsked = waiting;
  }

  /** The agent, if the connection was waiting for its answer: a timeout is then the agent's. */
  Optional<Path> silentAgent() {
    Path socket = agent;
    return agentAsked && socket != null ? Optional.of(socket) : Optional.empty();
  }

  void loggedIn() {
    loggedIn = true;
  }

  /**
   * Why the connection failed, if it was refused or could not log in; empty when it got further
   * (the failure is then the git server's or the network's, worded by JGit).
   */
  Optional<String> explain(String remote, Path sshDirectory) {
    Refusal refused = refusal;
    String reached = host;
    if (refused != null && reached != null) {
      return Optional.of(hostKey(remote, reached, refused));
    }
    if (reached == null || loggedIn) {
      return Optional.empty();
    }
    return Optional.of(login(remote, reached, sshDirectory));
  }

  private String hostKey(String remote, String reached, Refusal refused) {
    String file = knownHosts == null ? "known_hosts" : knownHosts;
    String keyscan = keyscan(reached) + " >> " + file;
    String presented = refused.keyType() + " " + refused.fingerprint();
    if (!refused.hostKnown()) {
      return "Refused to connect to "
          + remote
          + ": host "
          + reached
          + " is unknown, its key ("
          + presented
          + ") is not in "
          + file
          + " and tracker never accepts an unknown host key. If this is the right host, add its"
          + " key: "
          + keyscan;
    }
    return "Refused to connect to "
        + remote
        + ": the host key of "
        + reached
        + " has changed, the key it presented ("
        + presented
        + ") does not match the one in "
        + file
        + ". Someone may be impersonating the host, or its key was replaced. If the new key is"
        + " the right one, remove the old one (ssh-keygen -R '"
        + reached
        + "' -f "
        + file
        + ") and add the new one: "
        + keyscan;
  }

  private String login(String remote, String reached, Path sshDirectory) {
    String who = (user == null ? "" : user + "@") + reached;
    String start = "Cannot log in to " + remote + " as " + who + ": ";
    String config = sshDirectory.resolve("config").toString();
    if (!keysWithPassphrase.isEmpty()) {
      String key = keysWithPassphrase.get(0);
      return start
          + (keysWithPassphrase.size() == 1 ? "the key " : "the keys ")
          + String.join(", ", keysWithPassphrase)
          + (keysWithPassphrase.size() == 1 ? " needs" : " need")
          + " a passphrase, which tracker never prompts for, and "
          + agentFor(keysWithPassphrase.size() == 1 ? "it" : "them")
          + ". Add the key to an SSH agent (ssh-add "
          + key
          + ") that tracker can reach through SSH_AUTH_SOCK or IdentityAgent in "
          + config
          + ", or give tracker a key without a passphrase (name it with IdentityFile there), or"
          + " remove the passphrase: ssh-keygen -p -f "
          + key;
    }
    List<String> tried = keysTried;
    int fromAgent = agentFailure == null && agent != null ? agentKeys : 0;
    if (tried.isEmpty() && fromAgent == 0) {
      Path newKey = sshDirectory.resolve(DEFAULT_IDENTITIES.get(0));
      return start
          + "no key to offer: none of "
          + String.join(", ", DEFAULT_IDENTITIES)
          + " is in "
          + sshDirectory
          + ", the SSH config names no IdentityFile, and "
          + agentFor("a key")
          + ". Create one"
          + " (ssh-keygen -t ed25519 -f "
          + newKey
          + ") and add "
          + newKey
          + ".pub to the server's authorized keys"
          + (user == null ? "" : " of " + user)
          + ", or name your key with IdentityFile in "
          + config
          + ".";
    }
    List<String> offered = new ArrayList<>(tried);
    if (fromAgent > 0) {
      offered.add(
          fromAgent + (fromAgent == 1 ? " key" : " keys") + " of the SSH agent at " + agent);
    }
    return start
        + "the server accepted none of the keys tried ("
        + String.join(", ", offered)
        + "). Add your public key"
        + (tried.isEmpty() ? "" : " (" + tried.get(0) + ".pub)")
        + " to the server's authorized keys"
        + (user == null ? "" : " of " + user)
        + ", or name the right key with IdentityFile in "
        + config
        + ".";
  }

  /** Why the SSH agent gave no key: "no SSH agent holds it (SSH_AUTH_SOCK is not set)" etc. */
  private String agentFor(String what) {
    Path socket = agent;
    String failure = agentFailure;
    if (socket == null) {
      // JGit asks for no agent only when the SSH config says IdentityAgent none
      return failure == null
          ? "no SSH agent was asked (the SSH config says IdentityAgent none)"
          : "no SSH agent holds " + what + " (" + failure + ")";
    }
    if (failure != null) {
      return "the SSH agent at " + socket + " could not be reached (" + failure + ")";
    }
    return "the SSH agent at " + socket + " does not hold " + what;
  }

  /** The {@code ssh-keyscan} command that fetches the host's key. */
  private static String keyscan(String reached) {
    Matcher matcher = HOST_AND_PORT.matcher(reached);
    return matcher.matches()
        ? "ssh-keyscan -p " + matcher.group(2) + " " + matcher.group(1)
        : "ssh-keyscan " + reached;
  }

  @Override
  public String toString() {
    return "SshAttempt[" + uri + "]";
  }
}
