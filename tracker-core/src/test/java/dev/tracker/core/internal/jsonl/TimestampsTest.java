package dev.tracker.core.internal.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  @Test
  void an_instant_without_sub_microsecond_part_is_written_with_six_digits() {
    assertThat(Timestamps.format(Instant.parse("2025-11-03T05:58:07Z")))
        .isEqualTo("2025-11-03T05:58:07.000000Z");
    assertThat(Timestamps.format(Instant.parse("2025-11-03T05:58:07.295058Z")))
        .isEqualTo("2025-11-03T05:58:07.295058Z");
  }

  @Test
  void an_instant_with_nanoseconds_is_written_with_nine_digits() {
    assertThat(Timestamps.format(Instant.parse("2025-11-03T05:58:07.295058001Z")))
        .isEqualTo("2025-11-03T05:58:07.295058001Z");
    assertThat(Timestamps.format(Instant.parse("2025-11-03T05:58:07.1234567Z")))
        .isEqualTo("2025-11-03T05:58:07.123456700Z");
  }

  @Test
  void an_offset_is_converted_to_utc() {
    assertThat(Timestamps.parse("2025-11-02T21:58:07.295058-08:00"))
        .isEqualTo(Instant.parse("2025-11-03T05:58:07.295058Z"));
    assertThat(Timestamps.parse("2025-12-01T10:00:00+11:00"))
        .isEqualTo(Instant.parse("2025-11-30T23:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-11-03T05:58:07Z",
        "2025-11-03T05:58:07.1Z",
        "2025-11-03T05:58:07.123Z",
        "2025-11-03T05:58:07.12345Z",
        "2025-11-03T05:58:07.123456789Z",
        "2025-11-03t05:58:07.5z"
      })
  void zero_to_nine_fractional_digits_are_read_as_the_same_instant(String text) {
    Instant instant = Timestamps.parse(text);

    assertThat(Timestamps.parse(Timestamps.format(instant))).isEqualTo(instant);
    assertThat(instant.getEpochSecond())
        .isEqualTo(Instant.parse("2025-11-03T05:58:07Z").getEpochSecond());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-11-03",
        "2025-11-03T05:58Z",
        "2025-11-03T05:58:07",
        "2025-11-03T05:58:07.Z",
        "2025-11-03T05:58:07.1234567890Z",
        "2025-02-30T05:58:07Z",
        "2025-11-03 05:58:07Z",
        "yesterday"
      })
  void text_that_is_not_rfc_3339_is_refused(String text) {
    assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
