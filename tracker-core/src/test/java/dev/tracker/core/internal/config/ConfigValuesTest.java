package dev.tracker.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.TrackerConfig.Synchronous;
import dev.tracker.core.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValuesTest {

  private static final String ORIGIN = "environment TRACKER_X";

  @ParameterizedTest
  @CsvSource({"true, true", "TRUE, true", "True, true", "false, false", "FALSE, false"})
  void booleans_are_true_or_false_in_any_case(String text, boolean expected) {
    assertThat(ConfigValues.parse(ORIGIN, ConfigKey.SYNC_ENABLED, text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "on", "1", "t", " true"})
  void other_booleans_are_rejected(String text) {
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.GIT_PUSH, text))
        .isInstanceOf(ValidationException.class)
        .hasMessage(ORIGIN + ": git.push must be true or false, was '" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "30s, PT30S",
    "5m, PT5M",
    "1h, PT1H",
    "PT30S, PT30S",
    "pt1m30s, PT1M30S",
    "P1D, PT24H"
  })
  void durations_are_short_or_iso_8601(String text, String expected) {
    assertThat(ConfigValues.parse(ORIGIN, ConfigKey.SYNC_INTERVAL, text))
        .isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "30", "30 s", "1d", "-5s", "5M", "1.5s", "9999999999999999h"})
  void other_durations_are_rejected(String text) {
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.SYNC_INTERVAL, text))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            ORIGIN + ": sync.interval must be a duration like 30s, 5m or PT1M, was '" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "PT0S", "-PT1S"})
  void sync_interval_must_be_positive(String text) {
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.SYNC_INTERVAL, text))
        .isInstanceOf(ValidationException.class)
        .hasMessage(ORIGIN + ": sync.interval must be positive, was '" + text + "'");
  }

  @Test
  void export_debounce_may_be_zero_but_not_negative() {
    assertThat(ConfigValues.parse(ORIGIN, ConfigKey.EXPORT_DEBOUNCE, "0ms"))
        .isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.EXPORT_DEBOUNCE, "PT-1S"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(ORIGIN + ": export.debounce must not be negative, was 'PT-1S'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"tr", "app", "my-app", "a_b-c", "ABC123", "12345678901234567890123456789012"})
  void prefixes_are_letters_and_digits_joined_by_dashes_or_underscores(String text) {
    assertThat(ConfigValues.parse(ORIGIN, ConfigKey.PREFIX, text)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "", "-a", "a-", "a--b", "a_-b", "a.b", "é"})
  void other_prefixes_are_rejected(String text) {
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.PREFIX, text))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            ORIGIN + ": prefix must match [A-Za-z0-9]+([_-][A-Za-z0-9]+)*, was '" + text + "'");
  }

  @Test
  void a_prefix_longer_than_32_characters_is_rejected() {
    String text = "a".repeat(33);

    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.PREFIX, text))
        .isInstanceOf(ValidationException.class)
        .hasMessage(ORIGIN + ": prefix must be at most 32 characters, was '" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({"full, FULL", "FULL, FULL", "normal, NORMAL", "Normal, NORMAL"})
  void synchronous_is_full_or_normal_in_any_case(String text, Synchronous expected) {
    assertThat(ConfigValues.parse(ORIGIN, ConfigKey.DATABASE_SYNCHRONOUS, text))
        .isEqualTo(expected);
  }

  @Test
  void other_synchronous_values_are_rejected() {
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.DATABASE_SYNCHRONOUS, "off"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(ORIGIN + ": database.synchronous must be full or normal, was 'off'");
  }

  @ParameterizedTest
  @EnumSource(
      value = ConfigKey.class,
      names = {"ACTOR", "GIT_REMOTE", "GIT_AUTHOR"})
  void text_values_are_kept_as_written(ConfigKey key) {
    assertThat(ConfigValues.parse(ORIGIN, key, "Jane Doe <jane@example.com>"))
        .isEqualTo("Jane Doe <jane@example.com>");
  }

  @ParameterizedTest
  @EnumSource(
      value = ConfigKey.class,
      names = {"ACTOR", "GIT_REMOTE", "GIT_AUTHOR"})
  void blank_text_values_are_rejected(ConfigKey key) {
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, key, "  "))
        .isInstanceOf(ValidationException.class)
        .hasMessage(ORIGIN + ": " + key.key() + " must not be blank, was '  '");
  }

  @Test
  void an_author_must_be_a_name_and_an_email() {
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.GIT_AUTHOR, "Jane Doe"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(ORIGIN + ": git.author must look like 'Name <email>', was 'Jane Doe'");
  }

  @Test
  void paths_are_kept_as_written_relative_or_absolute() {
    assertThat(ConfigValues.parse(ORIGIN, ConfigKey.DATABASE_PATH, "db/tracker.db"))
        .isEqualTo(Path.of("db/tracker.db"));
    assertThat(ConfigValues.parse(ORIGIN, ConfigKey.EXPORT_PATH, "/data/issues.jsonl"))
        .isEqualTo(Path.of("/data/issues.jsonl"));
  }

  @Test
  void a_blank_path_is_rejected() {
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.DATABASE_PATH, " "))
        .isInstanceOf(ValidationException.class)
        .hasMessage(ORIGIN + ": database.path must not be blank, was ' '");
  }

  @ParameterizedTest
  @ValueSource(strings = {"~", "~/tracker.db"})
  void a_path_starting_with_a_tilde_is_rejected_because_it_is_not_expanded(String text) {
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.EXPORT_PATH, text))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            ORIGIN
                + ": export.path must not start with ~ (it is not expanded), was '"
                + text
                + "'");
  }

  @Test
  void a_path_the_file_system_cannot_name_is_rejected() {
    assertThatThrownBy(() -> ConfigValues.parse(ORIGIN, ConfigKey.DATABASE_PATH, "a\0b"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(ORIGIN + ": database.path must be a path, was 'a\0b'");
  }

  @Test
  void builder_durations_are_checked_by_the_same_rules() {
    assertThat(
            ConfigValues.checkDuration("builder", ConfigKey.EXPORT_DEBOUNCE, Duration.ZERO, "PT0S"))
        .isZero();
    assertThatThrownBy(
            () ->
                ConfigValues.checkDuration(
                    "builder", ConfigKey.SYNC_INTERVAL, Duration.ZERO, "PT0S"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("builder: sync.interval must be positive, was 'PT0S'");
  }
}
