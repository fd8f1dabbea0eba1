package dev.tracker.daemon.cli;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tracker [-C DIR] [--json] [--no-daemon] <command>}. */
@Command(
    name = "tracker",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "An issue tracker that lives in a git repository.",
    subcommands = {
      InitCommand.class,
      IssueCommands.Create.class,
      IssueCommands.Show.class,
      IssueCommands.ListIssues.class,
      IssueCommands.Update.class,
      IssueCommands.Close.class,
      IssueCommands.Reopen.class,
      IssueCommands.Delete.class,
      IssueCommands.Ready.class,
      IssueCommands.Blocked.class,
      IssueCommands.StatsCommand.class,
      LinkCommands.Dep.class,
      LinkCommands.Label.class,
      LinkCommands.CommentCommand.class,
      FileCommands.Export.class,
      FileCommands.Import.class,
      FileCommands.Sync.class,
      DaemonCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
final class TrackerCommand {

  private final Path startDirectory;

  @Option(
      names = "-C",
      paramLabel = "DIR",
      description = "The workspace (default: the nearest directory upwards with .tracker/).")
  private @Nullable Path directory;

  @Option(names = "--json", description = "Print machine-readable JSON.")
  boolean json;

  @Option(names = "--no-daemon", description = "Work in-process even when a daemon runs.")
  boolean noDaemon;

  @Spec @Nullable CommandSpec spec;

  TrackerCommand(Path startDirectory) {
    this.startDirectory = startDirectory;
  }

  /**
   * The workspace, found the way git finds {@code .git}: the directory the command starts in
   * ({@code -C}, else the current one) or its nearest parent with {@code .tracker/}.
   *
   * @throws CommandFailure when there is none, or {@code -C} names no directory; nothing is created
   */
  Path workspace() {
    Path start = start();
    for (Path at = start; at != null; at = at.getParent()) {
      if (Files.isDirectory(at.resolve(TrackerConfig.DIRECTORY))) {
        return at;
      }
    }
    throw new CommandFailure(
        "not in a tracker workspace (no "
            + TrackerConfig.DIRECTORY
            + "/ in "
            + start
            + " or above); run 'tracker init'");
  }

  /** Where {@code init} makes a workspace: {@code -C}, else here, never a parent's. */
  Path newWorkspace() {
    return start();
  }

  /** The directory the command starts in: {@code -C}, which must exist, else the current one. */
  private Path start() {
    if (directory == null) {
      return startDirectory;
    }
    Path given = resolve(Objects.requireNonNull(directory));
    if (!Files.isDirectory(given)) {
      throw new CommandFailure("-C " + directory + ": no such directory (" + given + ")");
    }
    return given;
  }

  /** A path the user typed, relative to where the command was started. */
  Path resolve(Path typed) {
    return startDirectory.resolve(typed).toAbsolutePath().normalize();
  }

  /** The tracker of the workspace: through its daemon when one serves it, unless told not to. */
  TrackerService open() {
    Path workspace = workspace();
    return noDaemon
        ? TrackerService.embedded(TrackerConfig.load(workspace))
        : TrackerService.open(workspace);
  }

  Printer printer() {
    CommandSpec current = spec;
    if (current == null) {
      throw new IllegalStateException("picocli injects the spec before running a command");
    }
    return new Printer(current.commandLine().getOut(), json);
  }
}
