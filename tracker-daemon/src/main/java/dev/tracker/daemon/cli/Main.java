package dev.tracker.daemon.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The {@code tracker} launcher. Exit codes: 0 on success, 1 with {@code error: ...} on stderr when
 * an operation fails, 2 on a usage error.
 */
public final class Main {

  private Main() {}

  /** Runs one command and exits with its code. */
  public static void main(String[] args) {
    // the launcher prints its own messages; libraries speak up only when something is wrong
    quietLogging("warn");
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, Path.of("").toAbsolutePath(), out, err));
  }

  /** Runs one command as if started in {@code directory}; returns its exit code. */
  static int run(String[] args, Path directory, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new TrackerCommand(directory));
    helpEverywhere(commandLine);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (failure, line, parsed) -> {
          line.getErr().println("error: " + message(failure));
          return 1;
        });
    return commandLine.execute(args);
  }

  /** {@code -h}/{@code --help} on every command and subcommand, as on {@code tracker} itself. */
  private static void helpEverywhere(CommandLine command) {
    for (CommandLine sub : command.getSubcommands().values()) {
      if (!sub.getCommandSpec().mixinStandardHelpOptions()
          && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
        sub.getCommandSpec().mixinStandardHelpOptions(true);
      }
      helpEverywhere(sub);
    }
  }

  /** Sets slf4j-simple's level unless the user chose one (it is packed into tracker.jar). */
  static void quietLogging(String level) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    }
  }

  private static String message(Exception failure) {
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
