package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.ExportResult;
import dev.tracker.core.ImportResult;
import dev.tracker.core.internal.jsonl.AtomicFile;
import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.RpcClient;
import dev.tracker.daemon.Run;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A conflict marker or a truncated last line in {@code issues.jsonl}, as a bad merge or a crashed
 * editor leaves it: the daemon's import refuses it with the line number, the database keeps every
 * issue, and no later export overwrites the file (what it holds beyond the broken line is someone's
 * work); once the file is mended, nothing of either side is lost.
 */
class BrokenJsonlTest {

  private static final Duration DEBOUNCE = Duration.ofMillis(500);
  private static final Duration POLL = Duration.ofSeconds(1);

  @TempDir Path workspace;
  private final ManualScheduler time = new ManualScheduler();
  private TrackerDaemon daemon;
  private RpcClient client;
  private final List<String> ids = new ArrayList<>();

  private Path file() {
    return workspace.resolve(".tracker/issues.jsonl");
  }

  @BeforeEach
  void start() throws Exception {
    daemon =
        TrackerDaemon.builder(
                Daemons.config(workspace)
                    .syncInterval(Duration.ofHours(1)) // background imports and exports only
                    .exportDebounce(DEBOUNCE)
                    .build())
            .importPollInterval(POLL)
            .scheduler(time)
            .build()
            .start();
    client = RpcClient.connect(daemon);
    for (String title : List.of("one", "two", "three")) {
      ids.add(
          client.result("issue.create", "{\"title\":\"" + title + "\"}").path("id").stringValue());
    }
    client.result("export");
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    daemon.close();
  }

  @Test
  void a_conflict_marker_is_refused_with_its_line_and_nothing_is_lost() throws Exception {
    List<String> lines = Files.readAllLines(file());
    int two = 0;
    while (!lines.get(two).contains("\"title\":\"two\"")) {
      two++;
    }
    String ours = lines.get(two);
    String theirs = ours.replace("\"title\":\"two\"", "\"title\":\"two, as they edited it\"");
    List<String> conflicted = new ArrayList<>(lines.subList(0, two));
    conflicted.addAll(List.of("<<<<<<< HEAD", ours, "=======", theirs, ">>>>>>> origin/main"));
    conflicted.addAll(lines.subList(two + 1, lines.size()));
    String broken = String.join("\n", conflicted) + "\n";

    assertRefusedAndKept(broken, two + 1, "a git conflict marker (<<<<<<<)");

    // mended by hand, their side kept: imported, and the change made meanwhile is still there
    long imports = daemon.imports().count();
    lines.set(two, theirs);
    replace(String.join("\n", lines) + "\n");
    time.advance(POLL);
    assertThat(daemon.imports().count()).isEqualTo(imports + 1);
    Run<ImportResult> imported = daemon.imports().last().orElseThrow();
    assertThat(imported.result())
        .hasValueSatisfying(result -> assertThat(result.updated()).isOne());
    assertThat(titles()).contains("two, as they edited it", "made while the file was broken");
  }

  @Test
  void a_truncated_last_line_is_refused_with_its_line_and_nothing_is_lost() throws Exception {
    String whole = Files.readString(file());
    String broken = whole.substring(0, whole.length() - 40); // the last line cut, no newline

    assertRefusedAndKept(broken, 3, "not valid JSON");

    replace(whole);
    client.result("import");
    client.result("export");
    assertThat(Files.readString(file())).contains("made while the file was broken");
  }

  private void assertRefusedAndKept(String broken, int line, String why) throws Exception {
    List<String> before = titles();
    long imports = daemon.imports().count();

    replace(broken);
    time.advance(POLL);

    // the daemon notices the change by itself, and its import fails naming the line
    assertThat(daemon.imports().count()).isEqualTo(imports + 1);
    Run<ImportResult> background = daemon.imports().last().orElseThrow();
    assertThat(background.succeeded()).as("the background import").isFalse();
    assertThat(background.error())
        .hasValueSatisfying(
            error -> assertThat(error).startsWith("issues.jsonl:" + line + ": ").contains(why));
    // and so does an import asked for
    JsonNode asked = client.call("import");
    assertThat(asked.path("error").path("message").stringValue())
        .as("the answer to import: %s", asked)
        .startsWith("issues.jsonl:" + line + ": ");
    assertThat(titles()).as("the database keeps every issue").isEqualTo(before);

    // a change now: its debounced export must not overwrite the broken file
    long exports = daemon.exports().count();
    client.result("issue.create", "{\"title\":\"made while the file was broken\"}");
    time.advance(DEBOUNCE);
    assertThat(daemon.exports().count()).isEqualTo(exports + 1);
    Run<ExportResult> export = daemon.exports().last().orElseThrow();
    assertThat(export.succeeded()).as("the debounced export over the broken file").isFalse();
    assertThat(export.error())
        .hasValueSatisfying(error -> assertThat(error).contains("issues.jsonl:" + line + ": "));
    JsonNode sync = client.result("sync");
    assertThat(sync.path("status").stringValue()).as("sync: %s", sync).isEqualTo("error");
    assertThat(client.call("export").has("error")).isTrue();
    assertThat(Files.readString(file())).as("issues.jsonl after the exports").isEqualTo(broken);
    assertThat(titles()).hasSize(before.size() + 1).containsAll(before);
  }

  private List<String> titles() throws Exception {
    List<String> titles = new ArrayList<>();
    client.result("issue.list").forEach(issue -> titles.add(issue.path("title").stringValue()));
    return titles;
  }

  /** Puts new content in the file at once, as git's checkout or a merge does. */
  private void replace(String content) {
    AtomicFile.write(file(), content.getBytes(StandardCharsets.UTF_8));
  }
}
