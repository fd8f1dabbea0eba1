package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.TrackerService;
import dev.tracker.daemon.TrackerDaemon;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A {@code @Nested} class shares its enclosing class's daemon unless it has an annotation of its
 * own; the annotation on a base class works for its subclasses.
 */
class NestedAndInheritanceTest {

  static final Map<String, TrackerDaemon> DAEMONS = new ConcurrentHashMap<>();

  @BeforeEach
  void clear() {
    DAEMONS.clear();
  }

  private static TrackerDaemon daemon(String where) {
    return Objects.requireNonNull(DAEMONS.get(where), () -> "no daemon in " + where);
  }

  @Fixture
  @TrackerDaemonTest
  static class Outer {
    @Test
    void outer(TrackerDaemon daemon) {
      DAEMONS.put("outer", daemon);
    }

    @Nested
    class Sharing {
      @Test
      void inner(TrackerDaemon daemon, TrackerService tracker) {
        DAEMONS.put("sharing", daemon);
        assertThat(tracker.stats()).isNotNull();
      }

      @Nested
      @TestInstance(TestInstance.Lifecycle.PER_CLASS)
      class Deeper {
        @BeforeAll
        void beforeAll(TrackerDaemon daemon, TrackerService tracker) {
          DAEMONS.put("deeper.beforeAll", daemon);
          tracker.create("from a nested @BeforeAll");
        }

        @Test
        void deepest(TrackerDaemon daemon) {
          DAEMONS.put("deeper", daemon);
        }
      }
    }

    @Nested
    @TrackerDaemonTest
    class OwnDaemon {
      @Test
      void inner(TrackerDaemon daemon) {
        DAEMONS.put("own", daemon);
        assertThat(daemon.isRunning()).isTrue();
      }
    }
  }

  @Fixture
  @TrackerDaemonTest(syncInterval = "5m")
  abstract static class Base {
    @Test
    void inherited(TrackerDaemon daemon) {
      DAEMONS.put(getClass().getSimpleName(), daemon);
    }
  }

  @Fixture
  static class FirstSubclass extends Base {}

  @Fixture
  static class SecondSubclass extends Base {}

  @Test
  void a_nested_class_shares_the_enclosing_daemon_at_any_depth() {
    Fixtures.run(Outer.class).testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));

    assertThat(daemon("sharing")).isSameAs(daemon("outer"));
    assertThat(daemon("deeper.beforeAll")).isSameAs(daemon("outer"));
    assertThat(daemon("deeper")).isSameAs(daemon("outer"));
  }

  @Test
  void a_nested_class_with_its_own_annotation_gets_its_own_daemon_closed_before_the_outer_one() {
    Fixtures.run(Outer.class).testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));

    assertThat(daemon("own")).isNotSameAs(daemon("outer"));
    assertThat(daemon("own").workspace()).isNotEqualTo(daemon("outer").workspace());
    assertThat(daemon("own").isRunning()).isFalse();
    assertThat(daemon("outer").isRunning()).isFalse();
  }

  @Test
  void the_annotation_on_a_base_class_gives_each_subclass_a_daemon() {
    Fixtures.run(FirstSubclass.class, SecondSubclass.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertThat(daemon("FirstSubclass")).isNotSameAs(daemon("SecondSubclass"));
    assertThat(daemon("FirstSubclass").config().syncInterval()).hasMinutes(5);
    assertThat(daemon("FirstSubclass").config().syncEnabled()).isFalse();
  }
}
