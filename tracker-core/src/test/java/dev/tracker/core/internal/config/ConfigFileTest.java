package dev.tracker.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.StorageException;
import dev.tracker.core.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

class ConfigFileTest {

  @TempDir Path workspace;

  @Test
  void a_missing_file_has_no_values() {
    assertThat(ConfigFile.read(workspace)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "# only a comment\n", "---\n", "null\n", "~\n"})
  void a_file_without_content_has_no_values(String content) throws IOException {
    write(content);

    assertThat(ConfigFile.read(workspace)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bd",
        "tr",
        "30s",
        "1m",
        "PT1M",
        "main",
        "alice@example.com",
        "my_project",
        "a.b",
        "e",
        "0x1F",
        "0o17",
        "1e3",
        "1.5",
        "012",
        "-5",
        "+5",
        ".inf",
        "true",
        "True",
        "no",
        "y",
        "N",
        "on",
        "null",
        "~",
        "a b",
        "'quoted'"
      })
  void a_file_of_plain_lines_reads_as_yaml_reads_it(String value) {
    // the second file has a flow map, which only the YAML parser reads
    String simple = "prefix: " + value + "\n# a comment\n\ngit.remote: origin\n";
    String yaml = simple + "sync: {}\n";

    assertThat(outcome(simple)).isEqualTo(outcome(yaml));
  }

  private static String outcome(String content) {
    try {
      return ConfigFile.parse(content).toString();
    } catch (ValidationException e) {
      return String.valueOf(e.getMessage());
    }
  }

  @Test
  void nested_keys_are_flattened_to_dotted_keys() {
    Map<ConfigKey, String> values =
        ConfigFile.parse(
            """
            prefix: app
            sync:
              enabled: false
              interval: 30s
            database:
              path: db/tracker.db
            """);

    assertThat(values)
        .containsExactly(
            Map.entry(ConfigKey.PREFIX, "app"),
            Map.entry(ConfigKey.SYNC_ENABLED, "false"),
            Map.entry(ConfigKey.SYNC_INTERVAL, "30s"),
            Map.entry(ConfigKey.DATABASE_PATH, "db/tracker.db"));
  }

  @Test
  void dotted_and_nested_keys_mix() {
    Map<ConfigKey, String> values =
        ConfigFile.parse("sync.interval: 5m\ngit:\n  remote: upstream\ngit.push: false\n");

    assertThat(values)
        .containsExactly(
            Map.entry(ConfigKey.SYNC_INTERVAL, "5m"),
            Map.entry(ConfigKey.GIT_REMOTE, "upstream"),
            Map.entry(ConfigKey.GIT_PUSH, "false"));
  }

  @Test
  void yaml_booleans_and_numbers_are_read_as_their_text() {
    Map<ConfigKey, String> values = ConfigFile.parse("sync.enabled: true\nprefix: 123\n");

    assertThat(values)
        .containsEntry(ConfigKey.SYNC_ENABLED, "true")
        .containsEntry(ConfigKey.PREFIX, "123");
  }

  @Test
  void a_key_without_a_value_or_with_a_tilde_is_unset() {
    Map<ConfigKey, String> values = ConfigFile.parse("git.author:\nactor: ~\nprefix: null\n");

    assertThat(values).isEmpty();
  }

  @Test
  void a_section_without_keys_is_empty() {
    Map<ConfigKey, String> values = ConfigFile.parse("sync:\n#  interval: 30s\ngit: {}\n");

    assertThat(values).isEmpty();
  }

  @Test
  void an_alias_reads_as_the_anchored_value() {
    Map<ConfigKey, String> values =
        ConfigFile.parse("sync.interval: &every 1m\nexport.debounce: *every\n");

    assertThat(values)
        .containsEntry(ConfigKey.SYNC_INTERVAL, "1m")
        .containsEntry(ConfigKey.EXPORT_DEBOUNCE, "1m");
  }

  @Test
  void an_unknown_key_is_rejected_with_the_known_keys() {
    assertThatThrownBy(() -> ConfigFile.parse("sync:\n  intervall: 30s\n"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            ".tracker/config.yaml: unknown key 'sync.intervall'; known keys: prefix, actor,"
                + " sync.enabled, sync.interval, sync.timeout, export.debounce, export.path,"
                + " git.enabled, git.remote, git.push, git.author, git.ssh-directory,"
                + " database.path, database.synchronous, status.custom");
  }

  @ParameterizedTest
  @ValueSource(strings = {"colors: blue\n", "colors:\n  fg: blue\n", "colors:\n"})
  void an_unknown_section_is_rejected(String content) {
    assertThatThrownBy(() -> ConfigFile.parse(content))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(".tracker/config.yaml: unknown key 'colors");
  }

  @Test
  void a_list_where_a_value_belongs_is_rejected() {
    assertThatThrownBy(() -> ConfigFile.parse("sync:\n  interval: [30s, 1m]\n"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            ".tracker/config.yaml: sync.interval must be a single value, not a list,"
                + " was '[\"30s\",\"1m\"]'");
  }

  @Test
  void a_map_where_a_value_belongs_is_rejected() {
    assertThatThrownBy(() -> ConfigFile.parse("prefix:\n  name: app\n"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            ".tracker/config.yaml: prefix must be a single value, not a map,"
                + " was '{\"name\":\"app\"}'");
  }

  @Test
  void a_value_where_a_section_belongs_is_rejected() {
    assertThatThrownBy(() -> ConfigFile.parse("sync: 30s\n"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(".tracker/config.yaml: sync must be a map of keys, was '30s'");
  }

  @Test
  void a_file_that_is_not_a_map_is_rejected() {
    assertThatThrownBy(() -> ConfigFile.parse("- prefix\n- app\n"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            ".tracker/config.yaml: must be a map of keys to values, was '[\"prefix\",\"app\"]'");
  }

  @Test
  void a_key_written_both_nested_and_dotted_is_rejected() {
    assertThatThrownBy(() -> ConfigFile.parse("sync:\n  interval: 30s\nsync.interval: 1m\n"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(".tracker/config.yaml: sync.interval is set twice");
  }

  @Test
  void a_key_written_twice_is_rejected() {
    assertThatThrownBy(() -> ConfigFile.parse("prefix: a\nprefix: b\n"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(".tracker/config.yaml: is not valid YAML at line 2")
        .hasMessageContaining("Duplicate")
        .hasCauseInstanceOf(JacksonException.class);
  }

  @Test
  void a_syntax_error_names_the_file_and_the_line_and_keeps_the_cause() {
    assertThatThrownBy(() -> ConfigFile.parse("prefix: app\nsync: interval: 30s\n"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            ".tracker/config.yaml: is not valid YAML at line 2, column 15:"
                + " mapping values are not allowed here")
        .hasCauseInstanceOf(JacksonException.class);
  }

  @Test
  void a_file_that_is_not_utf_8_is_rejected() throws IOException {
    Files.createDirectories(ConfigFile.path(workspace).getParent());
    Files.write(ConfigFile.path(workspace), new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});

    assertThatThrownBy(() -> ConfigFile.read(workspace))
        .isInstanceOf(ValidationException.class)
        .hasMessage(".tracker/config.yaml: is not UTF-8 text");
  }

  @Test
  void a_file_that_cannot_be_read_is_a_storage_error() throws IOException {
    // A directory where the file belongs cannot be read, even by root.
    Files.createDirectories(ConfigFile.path(workspace));

    assertThatThrownBy(() -> ConfigFile.read(workspace))
        .isInstanceOf(StorageException.class)
        .hasMessage("cannot read " + ConfigFile.path(workspace))
        .hasCauseInstanceOf(IOException.class);
  }

  private void write(String content) throws IOException {
    Files.createDirectories(ConfigFile.path(workspace).getParent());
    Files.writeString(ConfigFile.path(workspace), content);
  }
}
