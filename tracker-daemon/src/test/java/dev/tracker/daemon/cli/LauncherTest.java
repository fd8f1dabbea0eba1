package dev.tracker.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.protocol.Wire;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** The launcher in-process, without a daemon: every command, its output and its exit code. */
class LauncherTest {

  @TempDir Path workspace;

  /** What one run printed and returned. */
  record Run(int exitCode, String out, String err) {
    JsonNode json() {
      return Wire.JSON.readTree(out);
    }
  }

  private Run tracker(Path directory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, directory, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private Run tracker(String... args) {
    return tracker(workspace, args);
  }

  private String create(String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "--json";
    full[1] = "create";
    System.arraycopy(args, 0, full, 2, args.length);
    Run run = tracker(full);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.json().get("id").stringValue();
  }

  @BeforeEach
  void init() {
    Run init = tracker("init", "--prefix", "cli");
    assertThat(init.exitCode()).as(init.err()).isZero();
  }

  @Test
  void init_makes_the_tracker_directory_with_its_prefix() throws Exception {
    assertThat(workspace.resolve(".tracker/config.yaml")).hasContent("prefix: cli");
    assertThat(workspace.resolve(".tracker/issues.jsonl")).exists();
    assertThat(create("first")).startsWith("cli-");
  }

  @Test
  void create_takes_every_option_and_list_json_prints_the_line_shape() {
    String id =
        create(
            "Crash on start",
            "-t",
            "bug",
            "-p",
            "0",
            "-d",
            "boom",
            "-a",
            "ada",
            "-l",
            "ui",
            "-l",
            "p0");

    Run list = tracker("--json", "list");

    assertThat(list.exitCode()).isZero();
    JsonNode issue = list.json().get(0);
    assertThat(issue.get("id").stringValue()).isEqualTo(id);
    assertThat(issue.get("issue_type").stringValue()).isEqualTo("bug");
    assertThat(issue.get("priority").intValue()).isZero();
    assertThat(issue.get("description").stringValue()).isEqualTo("boom");
    assertThat(issue.get("assignee").stringValue()).isEqualTo("ada");
    assertThat(issue.get("labels").toString()).isEqualTo("[\"p0\",\"ui\"]");
  }

  @Test
  void list_shows_open_work_unless_asked_for_all_or_a_status() {
    String open = create("open one");
    String closed = create("closed one");
    tracker("close", closed, "--reason", "done");

    assertThat(tracker("list").out()).contains(open).doesNotContain(closed);
    assertThat(tracker("list", "--all").out()).contains(open, closed);
    assertThat(tracker("list", "--status", "closed").out()).contains(closed).doesNotContain(open);
    assertThat(tracker("list", "--search", "OPEN ONE").out()).contains(open);
  }

  @Test
  void update_close_reopen_and_delete_change_the_issue() {
    String id = create("Title");

    assertThat(
            tracker("update", id, "--title", "New", "--priority", "1", "--status", "in_progress")
                .exitCode())
        .isZero();
    JsonNode shown = tracker("--json", "show", id).json();
    assertThat(shown.get("title").stringValue()).isEqualTo("New");
    assertThat(shown.get("status").stringValue()).isEqualTo("in_progress");

    tracker("close", id, "--reason", "done");
    assertThat(tracker("--json", "show", id).json().get("close_reason").stringValue())
        .isEqualTo("done");
    tracker("reopen", id);
    assertThat(tracker("--json", "show", id).json().get("status").stringValue()).isEqualTo("open");
    tracker("delete", id);
    assertThat(tracker("--json", "show", id).json().get("status").stringValue())
        .isEqualTo("tombstone");
  }

  @Test
  void dependencies_decide_ready_and_blocked() {
    String design = create("design");
    String build = create("build");

    assertThat(tracker("dep", "add", build, design).exitCode()).isZero();

    assertThat(tracker("ready").out()).contains(design).doesNotContain(build);
    JsonNode blocked = tracker("--json", "blocked").json();
    assertThat(blocked.get(0).get("issue").get("id").stringValue()).isEqualTo(build);
    assertThat(blocked.get(0).get("blocked_by").get(0).stringValue()).isEqualTo(design);
    tracker("dep", "remove", build, design);
    assertThat(tracker("ready").out()).contains(design, build);
  }

  @Test
  void labels_comments_and_stats() {
    String id = create("labelled");

    tracker("label", "add", id, "ui");
    assertThat(
            tracker("--json", "comment", "add", id, "looks good").json().get("text").stringValue())
        .isEqualTo("looks good");
    assertThat(tracker("--json", "show", id).json().get("labels").get(0).stringValue())
        .isEqualTo("ui");
    tracker("label", "remove", id, "ui");
    assertThat(tracker("--json", "show", id).json().has("labels")).isFalse();
    assertThat(tracker("--json", "stats").json().get("total").intValue()).isEqualTo(1);
  }

  @Test
  void export_to_a_file_and_import_it_elsewhere() throws Exception {
    create("travels");
    Path copy = workspace.resolve("copy.jsonl");

    assertThat(tracker("export", "-o", "copy.jsonl").exitCode()).isZero();
    assertThat(Files.readAllLines(copy)).hasSize(1);

    Path other = Files.createDirectories(workspace.resolve("other"));
    tracker(other, "init");
    Run imported = tracker(other, "--json", "import", "-i", copy.toString());
    assertThat(imported.json().get("created").intValue()).isEqualTo(1);
  }

  @Test
  void the_workspace_is_found_upwards_from_a_subdirectory() throws Exception {
    String id = create("from the top");
    Path nested = Files.createDirectories(workspace.resolve("src/main"));

    assertThat(tracker(nested, "show", id).out()).contains("from the top");
  }

  @Test
  void a_failed_operation_exits_1_with_the_error_on_stderr() {
    Run run = tracker("show", "cli-none");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: ").contains("cli-none");
  }

  @Test
  void a_usage_error_exits_2() {
    Run run = tracker("create");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("TITLE");
  }

  @Test
  void bad_input_is_refused_with_the_field_named() {
    Run run = tracker("create", "x", "-p", "9");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("priority").contains("9");
  }

  @Test
  void an_unknown_status_is_refused_with_the_allowed_ones_and_changes_nothing() {
    String id = create("first");

    Run update = tracker("update", id, "--status", "clsoed", "--title", "renamed");

    assertThat(update.exitCode()).isEqualTo(1);
    assertThat(update.err())
        .contains("'clsoed' is not a status of this workspace")
        .contains("open, in_progress, blocked, deferred, closed, pinned")
        .contains("status.custom");
    JsonNode shown = tracker("--json", "show", id).json();
    assertThat(shown.toString()).contains("\"status\":\"open\"").contains("\"first\"");
    assertThat(tracker("--json", "ready").json()).hasSize(1);
  }

  @Test
  void a_custom_status_named_in_the_config_is_accepted() throws Exception {
    Files.writeString(
        workspace.resolve(".tracker/config.yaml"), "prefix: cli\nstatus.custom: review, qa\n");
    String id = create("first");

    Run update = tracker("update", id, "--status", "review");

    assertThat(update.exitCode()).as(update.err()).isZero();
    assertThat(tracker("--json", "list", "--status", "review").json()).hasSize(1);
  }

  /** Every command path below {@code tracker}: {@code [create]}, {@code [daemon, start]}, ... */
  private static List<List<String>> commandPaths(CommandLine command, List<String> above) {
    List<List<String>> paths = new ArrayList<>();
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> path = new ArrayList<>(above);
              path.add(name);
              paths.add(path);
              paths.addAll(commandPaths(sub, path));
            });
    return paths;
  }

  @Test
  void help_on_every_command_and_subcommand_exits_0_and_prints_its_usage(@TempDir Path nowhere) {
    List<List<String>> paths =
        commandPaths(new CommandLine(new TrackerCommand(nowhere)), List.of());
    assertThat(paths).extracting(path -> String.join(" ", path)).contains("create", "daemon start");

    for (List<String> path : paths) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        Run help = tracker(nowhere, args.toArray(String[]::new));
        assertThat(help.exitCode()).as("%s", args).isZero();
        assertThat(help.out()).as("%s", args).contains("Usage: tracker " + String.join(" ", path));
      }
      Run viaHelp = tracker(nowhere, "help", path.get(0));
      assertThat(viaHelp.exitCode()).as("help %s", path.get(0)).isZero();
      assertThat(viaHelp.out()).contains("Usage: tracker " + path.get(0));
    }
    assertThat(nowhere).isEmptyDirectory();
  }

  @Test
  void the_main_commands_show_examples_in_their_help() {
    for (String command : List.of("create", "list", "show", "update", "close", "ready")) {
      assertThat(tracker(command, "--help").out()).as(command).contains("Examples:");
    }
  }

  @Test
  void outside_a_workspace_a_command_fails_and_creates_nothing(@TempDir Path elsewhere) {
    for (String[] args :
        List.of(
            new String[] {"list"},
            new String[] {"create", "x"},
            new String[] {"daemon", "status"},
            new String[] {"sync"})) {
      Run run = tracker(elsewhere, args);

      assertThat(run.exitCode()).as("%s", List.of(args)).isEqualTo(1);
      assertThat(run.err())
          .startsWith("error: not in a tracker workspace (no .tracker/ in " + elsewhere)
          .contains("run 'tracker init'");
    }
    assertThat(elsewhere).isEmptyDirectory();
  }

  @Test
  void a_missing_directory_given_with_C_is_an_error_and_is_not_created(@TempDir Path elsewhere) {
    Path missing = elsewhere.resolve("missing/dir");

    Run list = tracker(elsewhere, "-C", missing.toString(), "list");
    Run init = tracker(elsewhere, "-C", missing.toString(), "init");

    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.err()).contains("-C " + missing + ": no such directory");
    assertThat(init.exitCode()).isEqualTo(1);
    assertThat(elsewhere).isEmptyDirectory();
  }

  @Test
  void a_command_on_several_ids_changes_none_when_one_names_no_issue() {
    String a = create("first");
    String b = create("second");

    Run close = tracker("close", a, "cli-missing", b);
    Run delete = tracker("delete", "cli-gone", a);

    assertThat(close.exitCode()).isEqualTo(1);
    assertThat(close.err()).isEqualTo("error: no issue cli-missing; nothing was changed\n");
    assertThat(delete.exitCode()).isEqualTo(1);
    JsonNode listed = tracker("--json", "list").json();
    assertThat(listed).extracting(issue -> issue.get("status").stringValue()).containsOnly("open");
    assertThat(listed).hasSize(2);
    assertThat(tracker("close", a, b).exitCode()).isZero();
  }

  @Test
  void completion_prints_a_script_for_bash_and_zsh() {
    Run bash = tracker("completion", "bash");
    Run zsh = tracker("completion", "zsh");

    assertThat(bash.exitCode()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("create").contains("daemon");
    assertThat(zsh.exitCode()).isZero();
    assertThat(zsh.out()).startsWith("autoload -U +X bashcompinit && bashcompinit");
  }
}
