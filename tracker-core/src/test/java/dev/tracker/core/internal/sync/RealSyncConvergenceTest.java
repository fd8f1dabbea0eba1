package dev.tracker.core.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.Status;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import dev.tracker.core.internal.sync.ConvergencePropertyTest.EditStep;
import dev.tracker.core.internal.sync.ConvergencePropertyTest.History;
import dev.tracker.core.internal.sync.ConvergencePropertyTest.RevertStep;
import dev.tracker.core.internal.sync.ConvergencePropertyTest.Step;
import dev.tracker.core.internal.sync.ConvergencePropertyTest.SyncStep;
import dev.tracker.core.internal.sync.SyncModel.Edit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The histories of {@link ConvergencePropertyTest}, fewer and shorter, run against the real thing:
 * a {@link TrackerService} per clone with its SQLite file and clock, git repositories, a bare
 * remote. After the final rounds every clone's database and the remote's head hold the same issues.
 * A write the model makes during a sync is made here right after it: a sync cannot be paused
 * half-way from outside.
 */
class RealSyncConvergenceTest {

  private static final String FILE = ".tracker/issues.jsonl";
  private static final JsonlCodec CODEC = new JsonlCodec();

  @Property(tries = 20)
  void real_clones_and_the_remote_end_equal_after_two_rounds_of_syncs(
      @ForAll("histories") History history) throws Exception {
    Path dir = Files.createTempDirectory("convergence");
    try {
      Path remote = dir.resolve("remote.git");
      Git.init()
          .setBare(true)
          .setInitialBranch("main")
          .setDirectory(remote.toFile())
          .call()
          .close();
      List<TrackerService> clones = new ArrayList<>();
      List<Path> trees = new ArrayList<>();
      try {
        for (int i = 0; i < history.skews().size(); i++) {
          Path tree = dir.resolve("c" + i);
          if (i == 0) {
            try (Git git = Git.init().setInitialBranch("main").setDirectory(tree.toFile()).call()) {
              git.remoteAdd()
                  .setName("origin")
                  .setUri(new URIish(remote.toUri().toString()))
                  .call();
            }
          } else {
            Git.cloneRepository()
                .setURI(remote.toUri().toString())
                .setDirectory(tree.toFile())
                .call()
                .close();
          }
          TrackerService tracker = open(tree, history.skews().get(i));
          clones.add(tracker);
          trees.add(tree);
          if (i == 0) {
            for (int n = 0; n < history.initial(); n++) {
              tracker.create("initial " + n);
            }
            tracker.sync();
          }
        }
        for (Step step : history.steps()) {
          if (step instanceof EditStep edit) {
            edit(clones.get(edit.who() % clones.size()), edit.edit());
          } else if (step instanceof SyncStep sync) {
            TrackerService tracker = clones.get(sync.who() % clones.size());
            tracker.sync();
            Edit during = sync.during();
            if (during != null) {
              edit(tracker, during);
            }
          } else if (step instanceof RevertStep revert) {
            revert(trees.get(revert.who() % trees.size()));
          }
        }
        for (int round = 0; round < 2; round++) {
          for (int index : history.finalOrder()) {
            clones.get(index).sync();
          }
        }

        Map<String, List<Issue>> states = new TreeMap<>();
        for (int i = 0; i < clones.size(); i++) {
          states.put("c" + i, stored(clones.get(i)));
        }
        states.put("remote", CODEC.decode(Path.of(FILE), headFile(remote), Instant.EPOCH));
        assertThat(states.values().stream().distinct().count())
            .as("states after the final rounds: %s", states)
            .isEqualTo(1);
      } finally {
        for (TrackerService clone : clones) {
          clone.close();
        }
      }
    } finally {
      delete(dir);
    }
  }

  @Provide
  Arbitrary<History> histories() {
    return ConvergencePropertyTest.histories(20);
  }

  private static TrackerService open(Path tree, long skewMillis) {
    return TrackerService.embedded(
        TrackerConfig.builder(tree)
            .readConfigFile(false)
            .environment(Map.of())
            .actor("tester")
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofMillis(skewMillis)))
            .build());
  }

  /** Every stored issue, tombstones included, as the export writes them: by id. */
  private static List<Issue> stored(TrackerService tracker) throws IOException {
    Path file = tracker.exportJsonl().path();
    return CODEC.decode(file, Files.readAllBytes(file), Instant.EPOCH).stream()
        .sorted(Comparator.comparing(Issue::id))
        .toList();
  }

  /** The edit the model makes, through the service's API. */
  private static void edit(TrackerService tracker, Edit edit) {
    if (edit.op() == SyncModel.Op.CREATE) {
      tracker.create("new " + edit.value());
      return;
    }
    List<Issue> live =
        tracker.list(IssueFilter.all()).stream().sorted(Comparator.comparing(Issue::id)).toList();
    if (live.isEmpty()) {
      return;
    }
    Issue issue = live.get(Math.floorMod(edit.pick(), live.size()));
    Issue target = live.get(Math.floorMod(edit.value(), live.size()));
    String word = "v" + edit.value();
    String label = "l" + Math.floorMod(edit.value(), 4);
    DependencyType type = edit.value() % 2 == 0 ? DependencyType.BLOCKS : DependencyType.RELATED;
    switch (edit.op()) {
      case TITLE -> tracker.update(issue.id(), IssueUpdate.builder().title(word).build());
      case NOTES -> tracker.update(issue.id(), IssueUpdate.builder().notes(word).build());
      case PRIORITY ->
          tracker.update(
              issue.id(), IssueUpdate.builder().priority(Math.floorMod(edit.value(), 5)).build());
      case CLOSE -> {
        if (!Status.CLOSED.equals(issue.status())) {
          tracker.close(issue.id(), edit.value() % 2 == 0 ? "" : word);
        }
      }
      case REOPEN -> {
        if (Status.CLOSED.equals(issue.status())) {
          tracker.reopen(issue.id());
        }
      }
      case ADD_LABEL -> tracker.addLabel(issue.id(), label);
      case REMOVE_LABEL -> {
        if (issue.labels().contains(label)) {
          tracker.removeLabel(issue.id(), label);
        }
      }
      case ADD_DEPENDENCY -> {
        boolean known =
            issue.dependencies().stream()
                .anyMatch(d -> d.dependsOnId().equals(target.id()) && d.type().equals(type));
        if (!target.id().equals(issue.id()) && !known) {
          try {
            tracker.addDependency(issue.id(), target.id(), type);
          } catch (dev.tracker.core.ConflictException cycle) {
            // a blocking cycle is refused: the edit does nothing, as in the model's skipped edits
          }
        }
      }
      case REMOVE_DEPENDENCY -> {
        if (!issue.dependencies().isEmpty()) {
          var gone =
              issue.dependencies().get(Math.floorMod(edit.value(), issue.dependencies().size()));
          tracker.removeDependency(issue.id(), gone.dependsOnId(), gone.type());
        }
      }
      case COMMENT -> tracker.addComment(issue.id(), word);
      case DELETE -> tracker.delete(issue.id(), word);
      case CREATE -> throw new AssertionError("handled above");
    }
  }

  /** What {@code git revert HEAD} does to the file: its first parent's version, committed. */
  private static void revert(Path tree) throws Exception {
    try (Git git = Git.open(tree.toFile())) {
      Repository repository = git.getRepository();
      ObjectId head = repository.resolve(Constants.HEAD);
      if (head == null) {
        return;
      }
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit commit = walk.parseCommit(head);
        if (commit.getParentCount() == 0) {
          return;
        }
        RevCommit parent = walk.parseCommit(commit.getParent(0));
        try (TreeWalk file = TreeWalk.forPath(repository, FILE, parent.getTree())) {
          byte[] before =
              file == null ? new byte[0] : repository.open(file.getObjectId(0)).getBytes();
          Files.write(tree.resolve(FILE), before);
        }
      }
      git.add().addFilepattern(FILE).call();
      git.commit().setMessage("Revert the last change of the issues").call();
    }
  }

  private static byte[] headFile(Path bare) throws IOException {
    try (Repository repository = Git.open(bare.toFile()).getRepository();
        RevWalk walk = new RevWalk(repository)) {
      RevCommit head = walk.parseCommit(repository.resolve("refs/heads/main"));
      try (TreeWalk file = TreeWalk.forPath(repository, FILE, head.getTree())) {
        return file == null ? new byte[0] : repository.open(file.getObjectId(0)).getBytes();
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
