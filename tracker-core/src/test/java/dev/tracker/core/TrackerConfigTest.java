package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.TrackerConfig.Synchronous;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerConfigTest {

  private static final String EVERY_KEY_NESTED =
      """
      prefix: file
      actor: file-actor
      sync:
        enabled: false
        interval: 1m
      export:
        debounce: 1s
        path: file/issues.jsonl
      git:
        enabled: true
        remote: file-remote
        push: false
        author: File <file@example.com>
        ssh-directory: file/ssh
      database:
        path: file/tracker.db
        synchronous: normal
      """;

  private static final Map<String, String> EVERY_VARIABLE =
      Map.ofEntries(
          Map.entry("TRACKER_PREFIX", "env"),
          Map.entry("TRACKER_ACTOR", "env-actor"),
          Map.entry("TRACKER_SYNC_ENABLED", "true"),
          Map.entry("TRACKER_SYNC_INTERVAL", "2m"),
          Map.entry("TRACKER_EXPORT_DEBOUNCE", "2s"),
          Map.entry("TRACKER_EXPORT_PATH", "env/issues.jsonl"),
          Map.entry("TRACKER_GIT_ENABLED", "false"),
          Map.entry("TRACKER_GIT_REMOTE", "env-remote"),
          Map.entry("TRACKER_GIT_PUSH", "true"),
          Map.entry("TRACKER_GIT_AUTHOR", "Env <env@example.com>"),
          Map.entry("TRACKER_GIT_SSH_DIRECTORY", "env/ssh"),
          Map.entry("TRACKER_DATABASE_PATH", "env/tracker.db"),
          Map.entry("TRACKER_DATABASE_SYNCHRONOUS", "full"));

  @TempDir Path workspace;

  @Test
  void defaults_apply_without_file_or_environment() {
    TrackerConfig config = builder(Map.of()).build();

    assertThat(config.workspace()).isEqualTo(workspace.toAbsolutePath().normalize());
    assertThat(config.prefix()).isEqualTo("tr");
    assertThat(config.actor()).isEqualTo(System.getProperty("user.name"));
    assertThat(config.syncEnabled()).isTrue();
    assertThat(config.syncInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.exportDebounce()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.gitEnabled()).isFalse();
    assertThat(config.gitRemote()).isEqualTo("origin");
    assertThat(config.gitPush()).isTrue();
    assertThat(config.gitAuthor()).isEmpty();
    assertThat(config.gitSshDirectory())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".ssh").toAbsolutePath());
    assertThat(config.databasePath()).isEqualTo(tracker("tracker.db"));
    assertThat(config.exportPath()).isEqualTo(tracker("issues.jsonl"));
    assertThat(config.synchronous()).isEqualTo(Synchronous.FULL);
  }

  @Test
  void git_is_enabled_by_default_in_a_git_repository() throws IOException {
    Files.createDirectory(workspace.resolve(".git"));

    assertThat(builder(Map.of()).build().gitEnabled()).isTrue();
  }

  @Test
  void git_is_enabled_by_default_in_a_git_worktree_whose_git_is_a_file() throws IOException {
    Files.writeString(workspace.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/x\n");

    assertThat(builder(Map.of()).build().gitEnabled()).isTrue();
  }

  @Test
  void the_file_overrides_the_defaults_for_every_key() throws IOException {
    writeConfig(EVERY_KEY_NESTED);

    TrackerConfig config = builder(Map.of()).build();

    assertThat(config.prefix()).isEqualTo("file");
    assertThat(config.actor()).isEqualTo("file-actor");
    assertThat(config.syncEnabled()).isFalse();
    assertThat(config.syncInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.exportDebounce()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.exportPath()).isEqualTo(workspace.resolve("file/issues.jsonl"));
    assertThat(config.gitEnabled()).isTrue();
    assertThat(config.gitRemote()).isEqualTo("file-remote");
    assertThat(config.gitPush()).isFalse();
    assertThat(config.gitAuthor()).contains("File <file@example.com>");
    assertThat(config.gitSshDirectory()).isEqualTo(workspace.resolve("file/ssh"));
    assertThat(config.databasePath()).isEqualTo(workspace.resolve("file/tracker.db"));
    assertThat(config.synchronous()).isEqualTo(Synchronous.NORMAL);
  }

  @Test
  void dotted_keys_read_like_nested_ones() throws IOException {
    writeConfig(
        """
        sync.interval: 45s
        git.author: Dotted <d@example.com>
        database:
          synchronous: normal
        """);

    TrackerConfig config = builder(Map.of()).build();

    assertThat(config.syncInterval()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.gitAuthor()).contains("Dotted <d@example.com>");
    assertThat(config.synchronous()).isEqualTo(Synchronous.NORMAL);
  }

  @Test
  void environment_overrides_the_file_for_every_key() throws IOException {
    writeConfig(EVERY_KEY_NESTED);

    TrackerConfig config = builder(EVERY_VARIABLE).build();

    assertThat(config.prefix()).isEqualTo("env");
    assertThat(config.actor()).isEqualTo("env-actor");
    assertThat(config.syncEnabled()).isTrue();
    assertThat(config.syncInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.exportDebounce()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.exportPath()).isEqualTo(workspace.resolve("env/issues.jsonl"));
    assertThat(config.gitEnabled()).isFalse();
    assertThat(config.gitRemote()).isEqualTo("env-remote");
    assertThat(config.gitPush()).isTrue();
    assertThat(config.gitAuthor()).contains("Env <env@example.com>");
    assertThat(config.gitSshDirectory()).isEqualTo(workspace.resolve("env/ssh"));
    assertThat(config.databasePath()).isEqualTo(workspace.resolve("env/tracker.db"));
    assertThat(config.synchronous()).isEqualTo(Synchronous.FULL);
  }

  @Test
  void builder_overrides_the_environment_for_every_key() throws IOException {
    writeConfig(EVERY_KEY_NESTED);

    TrackerConfig config =
        builder(EVERY_VARIABLE)
            .prefix("own")
            .actor("own-actor")
            .syncEnabled(false)
            .syncInterval(Duration.ofMinutes(3))
            .exportDebounce(Duration.ZERO)
            .exportPath(Path.of("own/issues.jsonl"))
            .gitEnabled(true)
            .gitRemote("own-remote")
            .gitPush(false)
            .gitAuthor("Own <own@example.com>")
            .gitSshDirectory(Path.of("own/ssh"))
            .databasePath(Path.of("own/tracker.db"))
            .synchronous(Synchronous.NORMAL)
            .build();

    assertThat(config.prefix()).isEqualTo("own");
    assertThat(config.actor()).isEqualTo("own-actor");
    assertThat(config.syncEnabled()).isFalse();
    assertThat(config.syncInterval()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.exportDebounce()).isZero();
    assertThat(config.exportPath()).isEqualTo(workspace.resolve("own/issues.jsonl"));
    assertThat(config.gitEnabled()).isTrue();
    assertThat(config.gitRemote()).isEqualTo("own-remote");
    assertThat(config.gitPush()).isFalse();
    assertThat(config.gitAuthor()).contains("Own <own@example.com>");
    assertThat(config.gitSshDirectory()).isEqualTo(workspace.resolve("own/ssh"));
    assertThat(config.databasePath()).isEqualTo(workspace.resolve("own/tracker.db"));
    assertThat(config.synchronous()).isEqualTo(Synchronous.NORMAL);
  }

  @Test
  void a_key_the_environment_does_not_set_still_comes_from_the_file() throws IOException {
    writeConfig("prefix: file\nsync.interval: 1m\n");

    TrackerConfig config = builder(Map.of("TRACKER_PREFIX", "env")).build();

    assertThat(config.prefix()).isEqualTo("env");
    assertThat(config.syncInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void unknown_tracker_variables_are_ignored() {
    TrackerConfig config =
        builder(Map.of("TRACKER_COLOR", "blue", "TRACKER_SYNC_INTERVALL", "soon")).build();

    assertThat(config.syncInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void an_empty_variable_counts_as_unset() throws IOException {
    writeConfig("git.author: File <file@example.com>\n");

    TrackerConfig config = builder(Map.of("TRACKER_GIT_AUTHOR", "", "TRACKER_PREFIX", "")).build();

    assertThat(config.gitAuthor()).contains("File <file@example.com>");
    assertThat(config.prefix()).isEqualTo("tr");
  }

  @Test
  void a_key_without_a_value_in_the_file_is_unset() throws IOException {
    writeConfig("git.author:\nprefix:\n");

    TrackerConfig config = builder(Map.of()).build();

    assertThat(config.gitAuthor()).isEmpty();
    assertThat(config.gitSshDirectory())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".ssh").toAbsolutePath());
    assertThat(config.prefix()).isEqualTo("tr");
  }

  @Test
  void an_empty_file_means_no_settings() throws IOException {
    writeConfig("");

    assertThat(builder(Map.of()).build().prefix()).isEqualTo("tr");
  }

  @Test
  void custom_statuses_come_from_the_file_the_environment_or_the_builder() throws IOException {
    writeConfig("status:\n  custom: review, qa, review\n");

    assertThat(builder(Map.of()).build().customStatuses()).containsExactly("review", "qa");
    assertThat(builder(Map.of("TRACKER_STATUS_CUSTOM", "triage")).build().customStatuses())
        .containsExactly("triage");
    assertThat(builder(Map.of()).customStatuses(List.of("x")).build().customStatuses())
        .containsExactly("x");
  }

  @Test
  void a_custom_status_must_be_a_name_and_not_a_built_in_one() throws IOException {
    writeConfig("status.custom: review, closed\n");

    assertThatThrownBy(() -> builder(Map.of()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            ".tracker/config.yaml: status.custom must not name a built-in status (closed), was"
                + " 'review, closed'");
    writeConfig("prefix: tr\n");
    assertThatThrownBy(() -> builder(Map.of()).customStatuses(List.of("Two Words")).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("status.custom must be status names");
  }

  @Test
  void unknown_key_in_the_file_is_rejected_with_the_known_keys() throws IOException {
    writeConfig("sync:\n  intervall: 30s\n");

    assertThatThrownBy(() -> builder(Map.of()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(".tracker/config.yaml: unknown key 'sync.intervall'")
        .hasMessageContaining("known keys: prefix, actor, sync.enabled, sync.interval");
  }

  @Test
  void a_bad_value_in_the_file_names_the_file_the_key_and_the_value() throws IOException {
    writeConfig("sync:\n  interval: soon\n");

    assertThatThrownBy(() -> builder(Map.of()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            ".tracker/config.yaml: sync.interval must be a duration like 30s, 5m or PT1M,"
                + " was 'soon'");
  }

  @Test
  void a_bad_variable_names_the_variable_the_key_and_the_value() {
    assertThatThrownBy(() -> builder(Map.of("TRACKER_PREFIX", "a b")).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "environment TRACKER_PREFIX: prefix must match [A-Za-z0-9]+([_-][A-Za-z0-9]+)*,"
                + " was 'a b'");
  }

  @Test
  void a_bad_value_in_the_file_fails_even_where_the_environment_overrides_it() throws IOException {
    writeConfig("database.synchronous: off\n");

    assertThatThrownBy(() -> builder(Map.of("TRACKER_DATABASE_SYNCHRONOUS", "full")).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage(".tracker/config.yaml: database.synchronous must be full or normal, was 'off'");
  }

  @Test
  void builder_prefix_is_checked_like_the_others() {
    assertThatThrownBy(() -> builder(Map.of()).prefix("a b").build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("builder: prefix must match [A-Za-z0-9]+([_-][A-Za-z0-9]+)*, was 'a b'");
    assertThatThrownBy(() -> builder(Map.of()).prefix("a".repeat(33)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("builder: prefix must be at most 32 characters, was '" + "a".repeat(33) + "'");
  }

  @Test
  void builder_text_values_must_not_be_blank() {
    assertThatThrownBy(() -> builder(Map.of()).actor(" ").build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("builder: actor must not be blank, was ' '");
    assertThatThrownBy(() -> builder(Map.of()).gitRemote("").build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("builder: git.remote must not be blank, was ''");
    assertThatThrownBy(() -> builder(Map.of()).gitAuthor("\t").build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("builder: git.author must not be blank, was '\t'");
  }

  @Test
  void builder_durations_are_checked_for_range() {
    assertThatThrownBy(() -> builder(Map.of()).syncInterval(Duration.ZERO).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("builder: sync.interval must be positive, was 'PT0S'");
    assertThatThrownBy(() -> builder(Map.of()).exportDebounce(Duration.ofMillis(-1)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("builder: export.debounce must not be negative, was 'PT-0.001S'");
  }

  @Test
  void a_builder_value_does_not_hide_a_bad_file() throws IOException {
    writeConfig("prefix: a b\n");

    assertThatThrownBy(() -> builder(Map.of()).prefix("ok").build())
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(".tracker/config.yaml: prefix must match");
  }

  @Test
  void relative_paths_resolve_against_the_workspace_from_every_source() throws IOException {
    writeConfig("database.path: ../shared/tracker.db\n");

    TrackerConfig config =
        builder(Map.of("TRACKER_EXPORT_PATH", "data/issues.jsonl"))
            .exportPath(Path.of("own/../own/issues.jsonl"))
            .build();
    TrackerConfig fromFileAndEnvironment =
        builder(Map.of("TRACKER_EXPORT_PATH", "data/issues.jsonl")).build();

    Path root = workspace.toAbsolutePath().normalize();
    assertThat(config.databasePath()).isEqualTo(root.resolveSibling("shared/tracker.db"));
    assertThat(config.exportPath()).isEqualTo(root.resolve("own/issues.jsonl"));
    assertThat(fromFileAndEnvironment.exportPath()).isEqualTo(root.resolve("data/issues.jsonl"));
  }

  @Test
  void absolute_paths_are_kept(@TempDir Path elsewhere) throws IOException {
    Path database = elsewhere.resolve("tracker.db").toAbsolutePath();
    Path export = elsewhere.resolve("issues.jsonl").toAbsolutePath();
    writeConfig("database.path: '" + database + "'\n");

    TrackerConfig config = builder(Map.of("TRACKER_EXPORT_PATH", export.toString())).build();

    assertThat(config.databasePath()).isEqualTo(database);
    assertThat(config.exportPath()).isEqualTo(export);
  }

  @Test
  void read_config_file_false_ignores_the_file() throws IOException {
    writeConfig("prefix: file\nnot-a-key: [\n");

    TrackerConfig config = builder(Map.of()).readConfigFile(false).build();

    assertThat(config.prefix()).isEqualTo("tr");
  }

  @Test
  void a_yaml_syntax_error_names_the_file_and_keeps_the_cause() throws IOException {
    writeConfig("sync:\n  interval: [30s\n");

    assertThatThrownBy(() -> builder(Map.of()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(".tracker/config.yaml: is not valid YAML at line ")
        .hasCauseInstanceOf(tools.jackson.core.JacksonException.class);
  }

  @Test
  void an_unreadable_file_is_a_storage_error() throws IOException {
    // A directory where the file belongs cannot be read, even by root.
    Files.createDirectories(workspace.resolve(".tracker/config.yaml"));

    assertThatThrownBy(() -> builder(Map.of()).build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("config.yaml")
        .hasCauseInstanceOf(IOException.class);
  }

  private TrackerConfig.Builder builder(Map<String, String> environment) {
    return TrackerConfig.builder(workspace).environment(environment);
  }

  private Path tracker(String file) {
    return workspace.toAbsolutePath().normalize().resolve(".tracker").resolve(file);
  }

  private void writeConfig(String yaml) throws IOException {
    Files.createDirectories(workspace.resolve(".tracker"));
    Files.writeString(workspace.resolve(".tracker/config.yaml"), yaml);
  }
}
