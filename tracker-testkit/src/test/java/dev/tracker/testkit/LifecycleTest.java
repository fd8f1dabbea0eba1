package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.daemon.TrackerDaemon;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One daemon for the class by default; one for each method on request. */
class LifecycleTest {

  static final List<TrackerDaemon> SEEN = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void clear() {
    SEEN.clear();
  }

  @Fixture
  @TrackerDaemonTest
  static class PerClass {
    @Test
    void first(TrackerDaemon daemon) {
      SEEN.add(daemon);
      assertThat(daemon.isRunning()).isTrue();
    }

    @Test
    void second(TrackerDaemon daemon) {
      SEEN.add(daemon);
      assertThat(daemon.isRunning()).isTrue();
    }
  }

  @Fixture
  @TrackerDaemonTest(lifecycle = TrackerDaemonTest.Lifecycle.PER_METHOD)
  static class PerMethod {
    @Test
    void first(TrackerDaemon daemon) {
      SEEN.add(daemon);
      assertThat(daemon.isRunning()).isTrue();
    }

    @Test
    void second(TrackerDaemon daemon) {
      SEEN.add(daemon);
      assertThat(daemon.isRunning()).isTrue();
    }
  }

  @Test
  void a_per_class_daemon_serves_every_method_and_is_closed_after_the_class() {
    Fixtures.run(PerClass.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
    assertThat(SEEN.get(0).isRunning()).isFalse();
  }

  @Test
  void a_per_method_daemon_is_new_for_each_method_in_a_workspace_of_its_own() {
    Fixtures.run(PerMethod.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
    assertThat(SEEN.get(0).workspace()).isNotEqualTo(SEEN.get(1).workspace());
    assertThat(SEEN).noneMatch(TrackerDaemon::isRunning);
  }
}
