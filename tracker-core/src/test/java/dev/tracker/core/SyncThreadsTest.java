package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing a tracker starts for a sync outlives its close(). */
class SyncThreadsTest {

  /**
   * Threads the JVM or JGit own once per process, not per tracker: JGit's global scheduler and the
   * JDK's reaper of the one {@code git} process JGit runs to find the system configuration.
   */
  private static final List<String> PROCESS_WIDE = List.of("JGit-WorkQueue", "process reaper");

  @TempDir Path dir;

  private static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }

  private void syncOnce(String name) throws Exception {
    Path remote = GitRepos.bareRemote(dir.resolve(name + ".git"));
    Path clone = GitRepos.cloneOf(remote, dir.resolve(name));
    try (TrackerService tracker = Workspaces.embedded(clone)) {
      tracker.create("an issue");
      tracker.sync();
      tracker.sync();
    }
  }

  @Test
  void a_closed_tracker_leaves_no_thread_behind_after_syncing() throws Exception {
    syncOnce("warm-up"); // starts what JGit and the JDK start once per process
    Set<Thread> before = liveThreads();

    syncOnce("measured");

    // close() has waited for each: asserted at once, no second look
    assertThat(
            liveThreads().stream()
                .filter(thread -> !before.contains(thread))
                .map(Thread::getName)
                .filter(name -> PROCESS_WIDE.stream().noneMatch(name::startsWith)))
        .isEmpty();
  }
}
