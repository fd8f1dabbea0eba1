package dev.tracker.core.internal.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

  @Test
  void the_hand_written_paths_agree_with_the_formatters() {
    DateTimeFormatter micros = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();
    DateTimeFormatter nanos = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();
    Random random = new Random(42);
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.000000001Z"),
                Instant.parse("2024-02-29T12:00:00.5Z")));
    for (int i = 0; i < 10_000; i++) {
      long second = random.nextLong(-62_167_219_200L, 253_402_300_800L);
      instants.add(Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)));
      instants.add(Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1_000L));
    }
    for (Instant instant : instants) {
      String nine = nanos.format(instant);
      assertThat(Timestamps.formatFast(instant, 9)).isEqualTo(nine);
      assertThat(Timestamps.parseFast(nine)).isEqualTo(instant);
      assertThat(Timestamps.parse(nine)).isEqualTo(instant);
      if (instant.truncatedTo(ChronoUnit.MICROS).equals(instant)) {
        assertThat(Timestamps.format(instant)).isEqualTo(micros.format(instant));
      } else {
        assertThat(Timestamps.format(instant)).isEqualTo(nine);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-02-29T00:00:00Z",
        "2025-13-01T00:00:00Z",
        "2025-11-03T24:00:00Z",
        "2025-11-03T05:60:07Z",
        "2025-11-03T05:58:60Z",
        "2025-11-03T05:58:07+00:00",
        "+12025-11-03T05:58:07Z",
        "2025-11-0xT05:58:07Z"
      })
  void the_hand_written_parser_leaves_everything_else_to_the_formatter(String text) {
    assertThat(Timestamps.parseFast(text)).isNull();
  }
}
