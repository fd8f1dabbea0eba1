package dev.tracker.core.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

/**
 * The wording of SSH refusals in the cases the server tests do not reach: port 22, several keys, no
 * user, and the cases that are not SSH's to explain. The server tests ({@code SshFailuresTest})
 * cover the rest end to end.
 */
class SshAttemptTest {

  private static final String REMOTE = "origin (git@example.org:x.git)";
  private static final Path SSH = Path.of("/home/u/.ssh");

  private static SshAttempt attempt() throws Exception {
    return new SshAttempt(new URIish("git@example.org:x.git"));
  }

  @Test
  void an_unknown_host_on_port_22_gets_a_keyscan_without_a_port() throws Exception {
    SshAttempt attempt = attempt();
    attempt.reached("example.org", "git", "/home/u/.ssh/known_hosts");
    attempt.refused(new SshAttempt.Refusal(false, "ssh-ed25519", "SHA256:abc"));

    assertThat(attempt.explain(REMOTE, SSH))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith("Refused to connect to " + REMOTE + ": host example.org is unknown")
                    .contains("(ssh-ed25519 SHA256:abc)")
                    .endsWith("ssh-keyscan example.org >> /home/u/.ssh/known_hosts"));
  }

  @Test
  void several_keys_with_a_passphrase_are_all_named() throws Exception {
    SshAttempt attempt = attempt();
    attempt.reached("example.org", "git", null);
    attempt.needsPassphrase("/home/u/.ssh/id_ed25519");
    attempt.needsPassphrase("/home/u/.ssh/id_rsa");

    assertThat(attempt.explain(REMOTE, SSH))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith("Cannot log in to " + REMOTE + " as git@example.org: ")
                    .contains(
                        "the keys /home/u/.ssh/id_ed25519, /home/u/.ssh/id_rsa need a passphrase")
                    .contains("ssh-keygen -p -f /home/u/.ssh/id_ed25519"));
  }

  @Test
  void refused_keys_without_a_user_name_the_keys_and_the_config() throws Exception {
    SshAttempt attempt = attempt();
    attempt.reached("example.org", null, null);
    attempt.triedKey(Path.of("/home/u/.ssh/id_rsa"));

    assertThat(attempt.explain(REMOTE, SSH))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith("Cannot log in to " + REMOTE + " as example.org: ")
                    .contains("(/home/u/.ssh/id_rsa)")
                    .contains("IdentityFile in /home/u/.ssh/config"));
  }

  @Test
  void a_connection_that_logged_in_or_never_reached_the_host_is_not_explained() throws Exception {
    SshAttempt loggedIn = attempt();
    loggedIn.reached("example.org", "git", null);
    loggedIn.loggedIn();
    SshAttempt unreached = attempt();

    assertThat(loggedIn.explain(REMOTE, SSH)).isEmpty();
    assertThat(unreached.explain(REMOTE, SSH)).isEmpty();
  }
}
