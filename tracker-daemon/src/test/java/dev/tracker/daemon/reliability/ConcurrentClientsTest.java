package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.IssueUpdate;
import dev.tracker.core.Status;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.Daemons;
import dev.tracker.daemon.TrackerDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 16 clients, each with its own connections to one daemon, make 1,000 mutations each at once:
 * create, retitle, label, comment, close, 200 issues apiece. Every mutation is present afterwards,
 * and no client ever sees an error: the daemon's one writer at a time means no {@code SQLITE_BUSY}
 * or "database is locked" reaches anyone.
 */
@Tag("slow")
@Order(1) // the slowest of its suite: it starts first, the others run beside it
class ConcurrentClientsTest {

  private static final int CLIENTS = 16;
  private static final int ISSUES_PER_CLIENT = 200; // five mutations each: 1,000 per client

  @TempDir Path workspace;

  @Test
  void sixteen_clients_times_a_thousand_mutations_are_all_present_and_none_fails()
      throws Exception {
    Map<String, Integer> clientOfIssue = new ConcurrentHashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    // synchronous=NORMAL: commits are atomic and survive this process's end as with FULL, only not
    // a power cut; what is tested here is one writer at a time, and FULL's fsync of each of the
    // 16,000 commits was half of the test's time
    TrackerConfig config =
        Daemons.config(workspace)
            .syncInterval(Duration.ofHours(1))
            .synchronous(TrackerConfig.Synchronous.NORMAL)
            .build();
    try (TrackerDaemon daemon = Daemons.start(config)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> mutations = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        mutations.add(
            clients.submit(
                () -> {
                  try (TrackerService tracker =
                      TrackerService.connect(workspace, daemon.socket())) {
                    start.await();
                    return mutate(tracker, client, clientOfIssue);
                  }
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> done : mutations) {
        // a failure of any call, SQLITE_BUSY or "database is locked" among them, is rethrown here
        total += done.get(10, TimeUnit.MINUTES);
      }
      assertThat(total).isEqualTo(CLIENTS * ISSUES_PER_CLIENT * 5);

      try (TrackerService tracker = TrackerService.connect(workspace, daemon.socket())) {
        Map<String, Issue> stored =
            tracker.list(IssueFilter.builder().status(Status.CLOSED).build()).stream()
                .collect(Collectors.toMap(Issue::id, Function.identity()));
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(clientOfIssue.keySet());
        clientOfIssue.forEach(
            (id, client) -> {
              Issue issue = stored.get(id);
              assertThat(issue.title()).startsWith("client " + client + " ").endsWith(", retitled");
              assertThat(issue.labels()).containsExactly("client-" + client);
              assertThat(issue.comments()).hasSize(1);
              assertThat(issue.closeReason()).isEqualTo("done by client " + client);
            });
      }
    } finally {
      clients.shutdownNow();
    }
  }

  private static int mutate(
      TrackerService tracker, int client, Map<String, Integer> clientOfIssue) {
    int mutations = 0;
    for (int i = 0; i < ISSUES_PER_CLIENT; i++) {
      String title = "client " + client + " issue " + i;
      String id = tracker.create(title).id();
      clientOfIssue.put(id, client);
      tracker.update(id, IssueUpdate.builder().title(title + ", retitled").build());
      tracker.addLabel(id, "client-" + client);
      tracker.addComment(id, "a comment by client " + client);
      tracker.close(id, "done by client " + client);
      mutations += 5;
    }
    return mutations;
  }
}
