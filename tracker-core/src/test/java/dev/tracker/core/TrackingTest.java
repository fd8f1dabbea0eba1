package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.Tracking;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry of open services that the testkit's leak check reads. */
class TrackingTest {

  @TempDir Path workspace;

  @AfterEach
  void stopRecordingSites() {
    Tracking.recordCreationSites(false);
  }

  private List<Tracking.OpenService> openHere() {
    return Tracking.openServices().stream()
        .filter(service -> service.workspace().equals(workspace.toAbsolutePath().normalize()))
        .toList();
  }

  @Test
  void a_service_is_listed_from_its_creation_until_it_is_closed() {
    TrackerService tracker = Workspaces.embedded(workspace);

    assertThat(openHere())
        .singleElement()
        .satisfies(s -> assertThat(s.mode()).isEqualTo("embedded"));

    tracker.close();
    tracker.close();

    assertThat(openHere()).isEmpty();
  }

  @Test
  void the_pool_appears_with_the_first_call_and_counts_a_borrowed_connection() throws Exception {
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      assertThat(openHere().get(0).currentPool()).isEmpty();

      tracker.stats();
      Tracking.Pool pool = openHere().get(0).currentPool().orElseThrow();

      assertThat(pool.name()).isEqualTo("tracker-db[" + workspace.getFileName() + "]");
      assertThat(pool.totalConnections()).isPositive();
      assertThat(pool.activeConnections()).isZero();
      try (Connection borrowed = pool.dataSource().getConnection()) {
        assertThat(borrowed.isValid(1)).isTrue();
        assertThat(pool.activeConnections()).isEqualTo(1);
      }
      assertThat(pool.activeConnections()).isZero();
    }
  }

  @Test
  @SuppressWarnings("try") // each service is only held open while the registry is read
  void the_creation_site_is_recorded_only_when_asked_for() {
    try (TrackerService unrecorded = Workspaces.embedded(workspace)) {
      assertThat(openHere().get(0).creationSite()).isNull();
    }

    Tracking.recordCreationSites(true);
    try (TrackerService recorded = Workspaces.embedded(workspace)) {
      Throwable site = Objects.requireNonNull(openHere().get(0).creationSite());
      assertThat(site.getStackTrace())
          .anySatisfy(
              frame ->
                  assertThat(frame.getMethodName())
                      .isEqualTo("the_creation_site_is_recorded_only_when_asked_for"));
    }
  }

  @Test
  void the_creation_context_is_the_context_class_loader_of_the_creating_thread() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    ClassLoader marker = new ClassLoader("marker", before) {};
    Thread.currentThread().setContextClassLoader(marker);
    TrackerService tracker;
    try {
      tracker = Workspaces.embedded(workspace);
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
    try (tracker) {
      assertThat(openHere())
          .singleElement()
          .satisfies(s -> assertThat(s.creationContext()).isSameAs(marker));
    }
  }

  @Test
  void a_waiter_wakes_when_a_service_is_closed() throws Exception {
    TrackerService tracker = Workspaces.embedded(workspace);
    long seen = Tracking.closes();
    CompletableFuture<Boolean> woke =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Tracking.awaitClose(seen, Duration.ofSeconds(20));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            });

    tracker.close();

    assertThat(woke.get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(Tracking.awaitClose(Tracking.closes(), Duration.ofMillis(1))).isFalse();
  }
}
