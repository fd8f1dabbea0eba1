package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.NewIssue;
import dev.tracker.core.Status;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.RpcClient;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Remote changes and local changes both survive a sync, whichever happened first (beads #911: a
 * stale clone's sync pushed its old copy of an issue over a newer remote change). Two clones of a
 * bare remote: a daemon serves clone A and syncs it; clone B is edited in-process and pushes. Each
 * side changes issues of its own, creates one, and the two change different fields of one shared
 * issue; A never touches the issue B closes, so its copy of it is stale.
 */
class SyncBothOrdersTest {

  @TempDir Path dir;
  private TrackerDaemon daemon;
  private RpcClient a;
  private TrackerService b;
  private final Map<String, String> ids = new HashMap<>();

  @BeforeEach
  void twoClonesAndADaemonOnOne() throws Exception {
    Path remote = dir.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
    Path cloneA = clone(remote, dir.resolve("a"));
    Path cloneB = clone(remote, dir.resolve("b"));
    daemon =
        Daemons.start(
            Daemons.config(cloneA).actor("ada").syncInterval(Duration.ofHours(1)).build());
    a = RpcClient.connect(daemon);
    b = TrackerService.embedded(Daemons.config(cloneB).actor("bob").build());
    for (String name : List.of("edited on A", "closed on B", "shared", "untouched")) {
      ids.put(
          name, a.result("issue.create", "{\"title\":\"" + name + "\"}").path("id").stringValue());
    }
    assertSynced(a.result("sync"));
    b.sync();
    assertThat(b.list()).hasSize(4);
  }

  @AfterEach
  void close() throws Exception {
    a.close();
    daemon.close();
    b.close();
  }

  @Test
  void local_changes_first_then_remote_ones_both_survive() throws Exception {
    changeOnA();
    changeOnBAndPush();

    syncBoth();

    assertBothSidesHaveEveryChange();
  }

  @Test
  void remote_changes_first_then_local_ones_both_survive() throws Exception {
    changeOnBAndPush();
    changeOnA();

    syncBoth();

    assertBothSidesHaveEveryChange();
  }

  private void changeOnA() throws Exception {
    a.result(
        "issue.update", "{\"id\":\"" + ids.get("edited on A") + "\",\"title\":\"edited on A!\"}");
    a.result("label.add", "{\"id\":\"" + ids.get("shared") + "\",\"label\":\"from-a\"}");
    a.result("issue.create", "{\"title\":\"new on A\"}");
  }

  private void changeOnBAndPush() {
    b.close(ids.get("closed on B"), "done on B");
    b.update(ids.get("shared"), IssueUpdate.builder().priority(0).build());
    b.create(NewIssue.of("new on B"));
    assertThat(b.sync().pushed()).isTrue();
  }

  private void syncBoth() throws Exception {
    assertSynced(a.result("sync")); // through the daemon: pulls B's changes, pushes A's
    b.sync();
  }

  private void assertBothSidesHaveEveryChange() throws Exception {
    Map<String, JsonNode> onA = new HashMap<>();
    a.result("issue.list", "{\"status\":[\"open\",\"closed\"]}")
        .forEach(issue -> onA.put(issue.path("id").stringValue(), issue));
    assertThat(onA.values())
        .extracting(issue -> issue.path("title").stringValue())
        .as("the issues on A")
        .containsExactlyInAnyOrder(
            "edited on A!", "closed on B", "shared", "untouched", "new on A", "new on B");
    assertThat(onA.get(ids.get("closed on B")).path("status").stringValue())
        .as("on A, the issue B closed (A's copy was stale)")
        .isEqualTo("closed");
    JsonNode shared = onA.get(ids.get("shared"));
    assertThat(shared.path("priority").intValue()).as("on A, B's priority of %s", shared).isZero();
    assertThat(shared.path("labels").toString()).as("on A, A's label").contains("from-a");

    Map<String, Issue> onB = new HashMap<>();
    b.list(dev.tracker.core.IssueFilter.builder().status(Status.OPEN, Status.CLOSED).build())
        .forEach(issue -> onB.put(issue.id(), issue));
    assertThat(onB.values())
        .extracting(Issue::title)
        .as("the issues on B")
        .containsExactlyInAnyOrder(
            "edited on A!", "closed on B", "shared", "untouched", "new on A", "new on B");
    assertThat(onB.get(ids.get("closed on B")).status()).isEqualTo(Status.CLOSED);
    assertThat(onB.get(ids.get("shared")).priority()).as("on B, B's priority").isZero();
    assertThat(onB.get(ids.get("shared")).labels()).as("on B, A's label").contains("from-a");
  }

  private static void assertSynced(JsonNode sync) {
    assertThat(sync.path("status").stringValue()).as("sync: %s", sync).isEqualTo("success");
  }

  private static Path clone(Path remote, Path directory) throws Exception {
    Git.cloneRepository()
        .setURI(remote.toUri().toString())
        .setDirectory(directory.toFile())
        .call()
        .close();
    return directory;
  }
}
