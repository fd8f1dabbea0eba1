package dev.tracker.testkit;

import static dev.tracker.testkit.TrackerAssertions.assertThat;
import static dev.tracker.testkit.TrackerAssertions.assertThatThrownBy;

import dev.tracker.core.Issue;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.TrackerDaemon;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attributes for the database path, the export path and the debounce, the customizers for the
 * rest, and the daemon's two files as the workspace names them.
 */
class ConfigurationTest {

  @Fixture
  @TrackerDaemonTest(
      git = true,
      databasePath = "data/tracker.db",
      exportPath = "exports/issues.jsonl",
      exportDebounce = "250ms")
  static class PathsAndDebounce {
    @Test
    void the_daemon_uses_them(
        TrackerDaemon daemon, TrackerService tracker, TrackerWorkspace workspace) {
      assertThat(workspace.database()).isEqualTo(workspace.root().resolve("data/tracker.db"));
      assertThat(workspace.jsonl()).isEqualTo(workspace.root().resolve("exports/issues.jsonl"));
      assertThat(daemon.config().databasePath()).isEqualTo(workspace.database());
      assertThat(daemon.config().exportPath()).isEqualTo(workspace.jsonl());
      assertThat(daemon.config().exportDebounce()).isEqualTo(Duration.ofMillis(250));

      Issue issue = tracker.create("where the attributes say");
      tracker.sync();

      assertThat(workspace.database()).exists();
      assertThat(workspace.trackerDirectory().resolve("tracker.db")).doesNotExist();
      assertThat(workspace.jsonl()).containsIssue(issue.id());
      assertThat(GitHistory.of(workspace.root())).containsFileInHead("exports/issues.jsonl");
    }
  }

  @Fixture
  @TrackerTest(
      databasePath = "db/embedded.db",
      exportPath = "out/issues.jsonl",
      seed = "seeds/two-issues.jsonl")
  static class EmbeddedPaths {
    @Test
    void the_seed_goes_where_the_attributes_say(TrackerWorkspace workspace) {
      assertThat(workspace.database()).isEqualTo(workspace.root().resolve("db/embedded.db"));
      assertThat(workspace.database()).exists();
      assertThat(workspace.jsonl()).isEqualTo(workspace.root().resolve("out/issues.jsonl"));
      assertThat(workspace.jsonl()).hasIssueCount(2);
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class Defaults {
    @Test
    void the_defaults_are_trackers(TrackerDaemon daemon, TrackerWorkspace workspace) {
      TrackerConfig plain =
          TrackerConfig.builder(workspace.root())
              .readConfigFile(false)
              .environment(Map.of())
              .build();
      assertThat(daemon.config().exportDebounce()).isEqualTo(plain.exportDebounce());
      assertThat(workspace.database()).isEqualTo(plain.databasePath());
      assertThat(workspace.jsonl()).isEqualTo(plain.exportPath());
    }
  }

  /** The first of two prefixes. */
  static final class FirstPrefix implements TrackerCustomizer {
    @Override
    public void config(TrackerConfig.Builder config) {
      config.prefix("first");
    }
  }

  /** Applied after {@link FirstPrefix}, so its prefix wins. */
  private static final class SecondPrefix implements TrackerCustomizer {
    private SecondPrefix() {}

    @Override
    public void config(TrackerConfig.Builder config) {
      config.prefix("second");
    }
  }

  /** Closes connections silent for 10 s, on a scheduler of its own that manual time replaces. */
  static final class ShortIdleTimeout implements TrackerCustomizer {
    @Override
    public void daemon(TrackerDaemon.Builder daemon) {
      daemon.idleTimeout(Duration.ofSeconds(10)).scheduler(new ManualScheduler());
    }
  }

  @Fixture
  @TrackerDaemonTest(
      manualTime = true,
      customizers = {FirstPrefix.class, SecondPrefix.class, ShortIdleTimeout.class})
  static class Customized {
    @Test
    void the_customizers_set_the_configuration_in_order(TrackerService tracker) {
      assertThat(tracker.create("customized").id()).startsWith("second-");
    }

    @Test
    void the_customizer_sets_the_daemon_and_manual_time_stays_the_daemons(
        DaemonConnection connection, ManualScheduler time) {
      assertThat(connection.call("health")).contains("\"healthy\":true");

      time.advance(Duration.ofSeconds(10));

      assertThatThrownBy(() -> connection.call("health")).isInstanceOf(UncheckedIOException.class);
    }
  }

  @Fixture
  @TrackerTest(customizers = FirstPrefix.class)
  static class CustomizedEmbedded {
    @Test
    void the_customizer_sets_the_configuration(TrackerService tracker) {
      assertThat(tracker.create("customized").id()).startsWith("first-");
    }
  }

  @Fixture
  @TrackerDaemonTest
  static class DaemonFiles {
    @Test
    void the_lock_file_is_read_and_the_pid_file_only_named(
        TrackerDaemon daemon, TrackerWorkspace workspace) {
      assertThat(workspace.lockFile())
          .isEqualTo(workspace.trackerDirectory().resolve("daemon.lock"));
      assertThat(workspace.pidFile()).isEqualTo(workspace.trackerDirectory().resolve("daemon.pid"));
      // exists() does not open the file: the daemon keeps its lock
      assertThat(Files.exists(workspace.pidFile())).isTrue();

      TrackerWorkspace.LockFile lock = workspace.readLockFile().orElseThrow();

      assertThat(lock.pid()).isEqualTo(daemon.pid());
      assertThat(lock.socket()).isEqualTo(daemon.socket());
      assertThat(lock.version()).isNotBlank();
      assertThat(lock.startedAt()).isBeforeOrEqualTo(daemon.config().clock().instant());
    }
  }

  @Fixture
  @TrackerTest
  static class NoDaemonFiles {
    @Test
    void without_a_daemon_there_is_no_lock_file(TrackerWorkspace workspace) {
      assertThat(workspace.readLockFile()).isEmpty();
      assertThat(workspace.lockFile()).doesNotExist();
    }
  }

  @Test
  void the_database_and_export_paths_and_the_debounce_are_the_daemons() {
    Fixtures.run(PathsAndDebounce.class, Defaults.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void the_paths_are_an_embedded_services_too() {
    Fixtures.run(EmbeddedPaths.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void customizers_change_the_configuration_and_the_daemon_and_keep_the_teardown() {
    var results = Fixtures.run(Customized.class, CustomizedEmbedded.class);

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
    results.containerEvents().assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void the_workspace_names_the_lock_file_it_reads_and_the_pid_file_it_does_not() {
    Fixtures.run(DaemonFiles.class, NoDaemonFiles.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }
}
