package dev.tracker.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.NewIssue;
import dev.tracker.core.SyncException;
import dev.tracker.core.SyncResult;
import dev.tracker.core.TrackerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push rejected because the remote moved is fetched, merged and pushed once more. */
class PushRetryTest {

  @TempDir Path dir;
  private Path remote;

  @BeforeEach
  void remote() throws Exception {
    remote = dir.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
  }

  private TrackerConfig clone(String name) throws Exception {
    Path clone = dir.resolve(name);
    Git.cloneRepository()
        .setURI(remote.toUri().toString())
        .setDirectory(clone.toFile())
        .call()
        .close();
    return TrackerConfig.builder(clone)
        .readConfigFile(false)
        .environment(Map.of())
        .actor(name)
        .build();
  }

  @Test
  void a_push_rejected_once_is_retried_after_merging() throws Exception {
    try (LocalBackend other = new LocalBackend(clone("other"))) {
      AtomicInteger pushes = new AtomicInteger();
      // the other clone pushes between this clone's fetch and its first push
      Runnable racingPush =
          () -> {
            if (pushes.incrementAndGet() == 1) {
              other.create(NewIssue.of("pushed while the first sync ran"));
              other.sync();
            }
          };
      try (LocalBackend backend = new LocalBackend(clone("mine"), Database::open, racingPush)) {
        backend.create(NewIssue.of("mine"));

        SyncResult result = backend.sync();

        assertThat(pushes).hasValue(2);
        assertThat(result.pushed()).isTrue();
        assertThat(result.pulled()).isTrue();
        assertThat(backend.list(IssueFilter.all())).hasSize(2);
      }
      other.sync();
      assertThat(other.list(IssueFilter.all())).hasSize(2);
    }
  }

  @Test
  void a_push_rejected_every_time_is_retried_a_bounded_number_of_times_then_reported()
      throws Exception {
    AtomicInteger pushes = new AtomicInteger();
    try (LocalBackend other = new LocalBackend(clone("other"))) {
      Runnable alwaysRacing =
          () -> {
            pushes.incrementAndGet();
            other.create(NewIssue.of("pushed again"));
            other.sync();
          };
      try (LocalBackend backend = new LocalBackend(clone("mine"), Database::open, alwaysRacing)) {
        backend.create(NewIssue.of("mine"));

        assertThatThrownBy(backend::sync)
            .isInstanceOf(SyncException.class)
            .hasMessageContaining(
                "was rejected " + Synchronizer.PUSH_ATTEMPTS + " times: the remote kept moving");
        assertThat(pushes).hasValue(Synchronizer.PUSH_ATTEMPTS);
        assertThat(backend.list(IssueFilter.all())).extracting(Issue::title).contains("mine");
      }
    }
  }
}
