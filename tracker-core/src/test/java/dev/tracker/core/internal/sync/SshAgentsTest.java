package dev.tracker.core.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the agent's socket is found, as OpenSSH finds it: {@code IdentityAgent}, else the env. */
class SshAgentsTest {

  private static final Path HOME = Path.of("/home/someone");

  private final SshAgents agents =
      new SshAgents(
          Map.of("SSH_AUTH_SOCK", "/run/agent.sock", "OTHER_AGENT", "/run/other.sock"), () -> null);

  @ParameterizedTest(name = "IdentityAgent {0} -> {1}")
  @CsvSource(
      nullValues = "unset",
      value = {
        "unset,              /run/agent.sock",
        "SSH_AUTH_SOCK,      /run/agent.sock",
        "$OTHER_AGENT,       /run/other.sock",
        "~/.agent/sock,      /home/someone/.agent/sock",
        "/var/agent.sock,    /var/agent.sock",
      })
  void the_socket_is_the_one_openssh_would_use(String identityAgent, String expected) {
    assertThat(agents.socket(identityAgent, HOME)).contains(Path.of(expected));
  }

  @ParameterizedTest(name = "IdentityAgent {0}")
  @CsvSource(
      nullValues = "unset",
      value = {"unset", "$MISSING"})
  void no_socket_when_the_variable_is_not_set(String identityAgent) {
    SshAgents withoutAgent = new SshAgents(Map.of(), () -> null);

    assertThat(withoutAgent.socket(identityAgent, HOME)).isEmpty();
  }
}
