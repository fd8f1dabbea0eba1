package dev.tracker.daemon.cli;

import dev.tracker.core.DependencyType;
import dev.tracker.core.TrackerService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Dependencies, labels and comments. */
final class LinkCommands {

  private LinkCommands() {}

  @Command(
      name = "dep",
      description = "Dependencies between issues.",
      subcommands = {Dep.Add.class, Dep.Remove.class})
  static final class Dep {

    /** The options both dep commands take. */
    abstract static class DepChange extends Subcommand {
      @Parameters(index = "0", paramLabel = "ID")
      String id = "";

      @Parameters(index = "1", paramLabel = "DEPENDS_ON")
      String dependsOn = "";

      @Option(
          names = "--type",
          paramLabel = "T",
          description = "blocks (default), related, parent-child, discovered-from")
      String type = DependencyType.BLOCKS.value();
    }

    @Command(name = "add", description = "ID depends on DEPENDS_ON.")
    static final class Add extends DepChange {
      @Override
      void run(TrackerService tracker, Printer printer) {
        tracker.addDependency(id, dependsOn, DependencyType.of(type));
        printer.issue(tracker.get(id), "Linked (" + type + " " + dependsOn + "): ");
      }
    }

    @Command(name = "remove", description = "Remove a dependency.")
    static final class Remove extends DepChange {
      @Override
      void run(TrackerService tracker, Printer printer) {
        tracker.removeDependency(id, dependsOn, DependencyType.of(type));
        printer.issue(tracker.get(id), "Unlinked (" + type + " " + dependsOn + "): ");
      }
    }
  }

  @Command(
      name = "label",
      description = "Labels of issues.",
      subcommands = {Label.Add.class, Label.Remove.class})
  static final class Label {

    /** The arguments both label commands take. */
    abstract static class LabelChange extends Subcommand {
      @Parameters(index = "0", paramLabel = "ID")
      String id = "";

      @Parameters(index = "1", paramLabel = "LABEL")
      String label = "";
    }

    @Command(name = "add", description = "Add a label.")
    static final class Add extends LabelChange {
      @Override
      void run(TrackerService tracker, Printer printer) {
        printer.issue(tracker.addLabel(id, label), "Labelled: ");
      }
    }

    @Command(name = "remove", description = "Remove a label.")
    static final class Remove extends LabelChange {
      @Override
      void run(TrackerService tracker, Printer printer) {
        printer.issue(tracker.removeLabel(id, label), "Unlabelled: ");
      }
    }
  }

  @Command(
      name = "comment",
      description = "Comments on issues.",
      subcommands = {CommentCommand.Add.class})
  static final class CommentCommand {

    @Command(name = "add", description = "Add a comment.")
    static final class Add extends Subcommand {
      @Parameters(index = "0", paramLabel = "ID")
      String id = "";

      @Parameters(index = "1", paramLabel = "TEXT")
      String text = "";

      @Override
      void run(TrackerService tracker, Printer printer) {
        printer.comment(tracker.addComment(id, text));
      }
    }
  }
}
