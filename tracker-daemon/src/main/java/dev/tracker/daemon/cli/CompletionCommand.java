package dev.tracker.daemon.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracker completion bash|zsh}: prints a script that completes tracker's commands. */
@Command(
    name = "completion",
    description = "Print a shell completion script.",
    footer = {
      "",
      "Examples:",
      "  source <(tracker completion bash)      # this shell",
      "  tracker completion zsh > ~/.zfunc/_tracker",
    })
final class CompletionCommand implements Callable<Integer> {

  /**
   * The shells the script serves: picocli's script runs in bash, and in zsh through bashcompinit.
   */
  enum Shell {
    BASH,
    ZSH
  }

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell = Shell.BASH;

  @Spec CommandSpec spec = CommandSpec.create();

  @Override
  public Integer call() {
    String script = AutoComplete.bash("tracker", spec.root().commandLine());
    if (shell == Shell.ZSH) {
      spec.commandLine().getOut().println("autoload -U +X bashcompinit && bashcompinit");
    }
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
